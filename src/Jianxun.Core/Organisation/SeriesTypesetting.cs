using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jianxun.Core.Common;
using Jianxun.Publishing;

namespace Jianxun.Core.Organisation;

/// <summary>
/// A series' own fonts and sizes (版式): only what an office changes. A null field keeps the GB/T 9704 default of
/// <see cref="TypesetSettings"/>; sizes are in points (三号 = 16, 小四 = 12, 五号 = 10.5). Stored as JSON in
/// <see cref="Series.Typesetting"/>; the page geometry (A4, type area 156 × 225 mm) stays the standard's.
/// </summary>
public sealed record SeriesTypesetting(
    string? MastheadFontFamily = null,
    string? HeadingFontFamily = null,
    string? TitleFontFamily = null,
    string? BodyFontFamily = null,
    double? MastheadFontSize = null,
    double? TitleFontSize = null,
    double? BodyFontSize = null,
    double? CreditFontSize = null,
    double? BodyLineHeight = null,
    string? MastheadColor = null)
{
    public const int MaxFamilyLength = 100;

    /// <summary>The sizes an office may choose, in points: wide enough for every 字号 in use, narrow enough to keep the page sane.</summary>
    public static readonly (double Min, double Max) MastheadSizeRange = (24, 72);
    public static readonly (double Min, double Max) TitleSizeRange = (12, 36);
    public static readonly (double Min, double Max) BodySizeRange = (10.5, 22);
    public static readonly (double Min, double Max) CreditSizeRange = (9, 22);
    public static readonly (double Min, double Max) LineHeightRange = (14, 48);

    /// <summary>Lines closer than this many times the body size would touch.</summary>
    public const double MinLeading = 1.2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static SeriesTypesetting Empty { get; } = new();

    [JsonIgnore]
    public bool IsEmpty => this == Empty;

    /// <summary>The defaults with this series' choices laid over them.</summary>
    public TypesetSettings Apply(TypesetSettings defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return defaults with
        {
            MastheadFontFamily = MastheadFontFamily ?? defaults.MastheadFontFamily,
            HeadingFontFamily = HeadingFontFamily ?? defaults.HeadingFontFamily,
            TitleFontFamily = TitleFontFamily ?? defaults.TitleFontFamily,
            BodyFontFamily = BodyFontFamily ?? defaults.BodyFontFamily,
            MastheadFontSize = MastheadFontSize ?? defaults.MastheadFontSize,
            TitleFontSize = TitleFontSize ?? defaults.TitleFontSize,
            BodyFontSize = BodyFontSize ?? defaults.BodyFontSize,
            CreditFontSize = CreditFontSize ?? defaults.CreditFontSize,
            BodyLineHeight = BodyLineHeight ?? defaults.BodyLineHeight,
            MastheadColor = MastheadColor ?? defaults.MastheadColor,
        };
    }

    /// <summary>The settings a series' stored JSON gives (the defaults when it has none).</summary>
    public static TypesetSettings SettingsOf(string? json) => FromJson(json).Apply(TypesetSettings.Default);

    /// <summary>Reads the stored JSON; null or empty is <see cref="Empty"/>.</summary>
    public static SeriesTypesetting FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }
        try
        {
            return JsonSerializer.Deserialize<SeriesTypesetting>(json, Json) ?? Empty;
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"刊物版式设置不是有效的 JSON（{e.Message}）：{json}", e);
        }
    }

    /// <summary>The JSON to store (always the same text for the same choices); null when nothing differs from the defaults.</summary>
    public string? ToJson() => IsEmpty ? null : JsonSerializer.Serialize(this, Json);

    /// <summary>Texts trimmed, blanks as null, the colour in upper case.</summary>
    public SeriesTypesetting Normalised() => this with
    {
        MastheadFontFamily = Clean(MastheadFontFamily),
        HeadingFontFamily = Clean(HeadingFontFamily),
        TitleFontFamily = Clean(TitleFontFamily),
        BodyFontFamily = Clean(BodyFontFamily),
        MastheadColor = Clean(MastheadColor)?.ToUpperInvariant(),
    };

    /// <summary>
    /// Checks the choices (call on <see cref="Normalised"/>): sizes in their ranges, the body leading, the colour, and that
    /// every font family is in the font directory; errors go under <c>{prefix}.{field}</c>.
    /// </summary>
    public void Validate(Validator v, FontCatalog fonts, string prefix = "typesetting")
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(fonts);
        Family(v, fonts, MastheadFontFamily, prefix + ".mastheadFontFamily", "刊头字体");
        Family(v, fonts, HeadingFontFamily, prefix + ".headingFontFamily", "栏目字体");
        Family(v, fonts, TitleFontFamily, prefix + ".titleFontFamily", "标题字体");
        Family(v, fonts, BodyFontFamily, prefix + ".bodyFontFamily", "正文字体");
        Size(v, MastheadFontSize, MastheadSizeRange, prefix + ".mastheadFontSize", "刊头字号");
        Size(v, TitleFontSize, TitleSizeRange, prefix + ".titleFontSize", "标题字号");
        Size(v, BodyFontSize, BodySizeRange, prefix + ".bodyFontSize", "正文字号");
        Size(v, CreditFontSize, CreditSizeRange, prefix + ".creditFontSize", "供稿行字号");
        if (BodyLineHeight is double leading)
        {
            var ok = double.IsFinite(leading) && leading >= LineHeightRange.Min && leading <= LineHeightRange.Max;
            v.Check(ok, prefix + ".bodyLineHeight", $"正文行距应在 {Pt(LineHeightRange.Min)} 到 {Pt(LineHeightRange.Max)} 磅之间。");
            var body = BodyFontSize ?? TypesetSettings.Default.BodyFontSize;
            v.Check(!ok || leading >= body * MinLeading, prefix + ".bodyLineHeight",
                $"正文行距不能小于正文字号的 {Pt(MinLeading)} 倍（正文 {Pt(body)} 磅时至少 {Pt(Math.Ceiling(body * MinLeading * 2) / 2)} 磅）。");
        }
        if (MastheadColor is { } color)
        {
            v.Check(color.Length == 7 && color[0] == '#' && color.Skip(1).All(char.IsAsciiHexDigit), prefix + ".mastheadColor",
                $"刊头颜色“{color}”应写成 #RRGGBB，如 {TypesetSettings.Default.MastheadColor}。");
        }
    }

    /// <summary>The Chinese message for a family the font directory lacks, with the families it has.</summary>
    public static string MissingFontMessage(string label, string family, FontCatalog fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        var available = fonts.Families.Count == 0 ? "（字体目录中没有可用的 TrueType 字体）" : string.Join("、", fonts.Families);
        return $"{label}“{family}”不在字体目录中。可用字体：{available}。其他字体请先把 .ttf 文件放入字体目录（Jianxun:Fonts:Directory）。";
    }

    private static void Family(Validator v, FontCatalog fonts, string? family, string field, string label)
    {
        if (family is null)
        {
            return;
        }
        if (family.Length > MaxFamilyLength)
        {
            v.Add(field, $"{label}名称不能超过 {MaxFamilyLength} 个字。");
            return;
        }
        v.Check(fonts.HasFamily(family), field, MissingFontMessage(label, family, fonts));
    }

    private static void Size(Validator v, double? size, (double Min, double Max) range, string field, string label)
    {
        if (size is not double s)
        {
            return;
        }
        var inRange = double.IsFinite(s) && s >= range.Min && s <= range.Max;
        v.Check(inRange, field, $"{label}应在 {Pt(range.Min)} 到 {Pt(range.Max)} 磅之间。");
        // Word keeps sizes in half points; a size between would print differently in the PDF and the DOCX.
        v.Check(!inRange || Math.Abs((s * 2) - Math.Round(s * 2)) < 1e-9, field, $"{label}请以 0.5 磅为单位（如 10.5、12、16）。");
    }

    private static string Pt(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
