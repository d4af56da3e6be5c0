using System.Globalization;
using System.Text;
using Jianxun.Text;

namespace Jianxun.Cli.Commands;

/// <summary>
/// <c>--manifest FILE.csv</c>: the numbers of a batch's files, one row per file. Columns by header, English or Chinese:
/// <c>file/文件/文件名</c>, <c>year/年份</c>, <c>number/期号</c>, <c>total/总期号</c>, <c>date/日期/出刊日期</c>
/// (yyyy-MM-dd, yyyy/M/d or yyyy年M月d日). UTF-8 or GB18030 (what a spreadsheet in Chinese saves). A bad cell fails its
/// file only; a header without a file column refuses the manifest.
/// </summary>
internal sealed class ImportManifest
{
    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["file"] = "file",
        ["filename"] = "file",
        ["file name"] = "file",
        ["文件"] = "file",
        ["文件名"] = "file",
        ["文件名称"] = "file",
        ["year"] = "year",
        ["年份"] = "year",
        ["年"] = "year",
        ["年度"] = "year",
        ["number"] = "number",
        ["issue"] = "number",
        ["期号"] = "number",
        ["期"] = "number",
        ["期数"] = "number",
        ["total"] = "total",
        ["total number"] = "total",
        ["totalnumber"] = "total",
        ["总期号"] = "total",
        ["总期数"] = "total",
        ["总第"] = "total",
        ["date"] = "date",
        ["日期"] = "date",
        ["出刊日期"] = "date",
        ["印发日期"] = "date",
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日"];

    private readonly Dictionary<string, (int Line, IssueNumbers Numbers, string? Error)> _rows = new(StringComparer.OrdinalIgnoreCase);

    public string Name { get; private init; } = "";

    /// <summary>Reads the manifest; a Chinese message instead when it cannot be used at all.</summary>
    public static (ImportManifest? Manifest, string? Error) Read(string path)
    {
        if (!File.Exists(path))
        {
            return (null, $"找不到清单文件“{path}”。");
        }
        var lines = BulletinTextReader.Decode(File.ReadAllBytes(path)).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.Count == 0 ? [] : Split(lines[0]).Select(h => Headers.GetValueOrDefault(h.Trim().TrimStart('\uFEFF'))).ToList();
        if (!header.Contains("file"))
        {
            return (null, "清单第 1 行应是表头，且含有“文件”（file）一列，例如：文件,年份,期号,总期号,出刊日期");
        }
        var manifest = new ImportManifest { Name = Path.GetFileName(path) };
        for (var n = 1; n < lines.Count; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n]))
            {
                continue;
            }
            var cells = Split(lines[n]);
            string Cell(string column) => header.IndexOf(column) is var k and >= 0 && k < cells.Count ? cells[k].Trim() : "";
            var file = Path.GetFileName(Cell("file"));
            if (file.Length == 0)
            {
                continue;
            }
            var errors = new List<string>();
            int? Int(string column, string label)
            {
                var text = Cell(column);
                if (text.Length == 0)
                {
                    return null;
                }
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0)
                {
                    return v;
                }
                errors.Add($"{label}“{text}”不是正整数");
                return null;
            }
            var year = Int("year", "年份");
            var number = Int("number", "期号");
            var total = Int("total", "总期号");
            DateOnly? date = null;
            if (Cell("date") is { Length: > 0 } dateText)
            {
                if (DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    date = d;
                }
                else
                {
                    errors.Add($"出刊日期“{dateText}”应写成 2024-05-20");
                }
            }
            var row = (n + 1, new IssueNumbers(year ?? date?.Year, number, total, date), errors.Count == 0 ? null : string.Join("，", errors));
            if (manifest._rows.TryGetValue(file, out var first))
            {
                row = (n + 1, row.Item2, $"清单第 {first.Line} 行和第 {n + 1} 行都写了这个文件，请只留一行");
            }
            manifest._rows[file] = row;
        }
        return (manifest, null);
    }

    /// <summary>The row for a file (by name), with its 1-based line; null when the manifest does not list it.</summary>
    public (int Line, IssueNumbers Numbers, string? Error)? For(string fileName)
        => _rows.TryGetValue(Path.GetFileName(fileName), out var row) ? row : null;

    /// <summary>One CSV line: commas, or tabs when there is no comma; quotes around a cell allowed.</summary>
    private static List<string> Split(string line)
    {
        var separator = line.Contains(',', StringComparison.Ordinal) || !line.Contains('\t', StringComparison.Ordinal) ? ',' : '\t';
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator || c == '，')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
