using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Jianxun.Text;

/// <summary>
/// Reads a bulletin from a DOCX: one line per Word paragraph (so paragraph ends are exact), headlines from styles
/// (Title/Heading/标题), bold runs, centring and size; column headings from [名称]/【名称】; tables flattened unless they
/// hold the distribution block. Structure and entities come from the same back end as <see cref="BulletinParser"/>.
/// </summary>
public static partial class DocxBulletinReader
{
    [GeneratedRegex(@"^\s*(?:报|送|发|抄送|抄报|分送|主送|印发|报送)\s*[：:]|共印\s*\d+\s*份")]
    private static partial Regex DistributionRegex();

    /// <summary>Reads a DOCX; throws <see cref="BulletinImportException"/> for anything that is not a readable bulletin.</summary>
    public static ParsedBulletin Read(ReadOnlyMemory<byte> docx, BulletinParseOptions? options = null)
    {
        options ??= new BulletinParseOptions();
        if (docx.IsEmpty)
        {
            throw new BulletinImportException(BulletinImportError.Empty, "文件为空。");
        }

        if (docx.Length > options.MaxFileBytes)
        {
            throw BulletinImporter.TooLarge(docx.Length, options.MaxFileBytes);
        }

        // Limits first (UserFileLimits): entry count, inflated bytes, XML depth and elements, before OpenXml recurses.
        var budget = new ImportBudget();
        DocxGuard.Check(docx, budget);
        List<DocxParagraph> paragraphs;
        try
        {
            using var stream = new MemoryStream(docx.ToArray(), writable: false);
            using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = UserFileLimits.MaxDocxXmlBytes });
            var main = document.MainDocumentPart ?? throw new BulletinImportException(BulletinImportError.Corrupt, "Word 文档缺少正文部分，文件可能已损坏。");
            paragraphs = new Reader(main).Paragraphs();
        }
        catch (BulletinImportException)
        {
            throw;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or FormatException or InvalidOperationException)
        {
            throw new BulletinImportException(BulletinImportError.Corrupt, "Word 文档已损坏或格式不正确，无法读取。", e);
        }

        budget.Check();
        var lines = ToSourceLines(paragraphs);
        if (!lines.Any(l => l.Kind == LineKind.Content))
        {
            throw new BulletinImportException(BulletinImportError.NotABulletin, "Word 文档中没有可识别的正文，不像一期简讯。");
        }

        return BulletinImporter.EnsureBulletin(BulletinParser.ParseLines(lines, options));
    }

    /// <summary>Reads a DOCX from a stream (up to <see cref="BulletinParseOptions.MaxFileBytes"/>).</summary>
    public static ParsedBulletin Read(Stream docx, BulletinParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(docx);
        options ??= new BulletinParseOptions();
        return Read(BulletinImporter.ReadAll(docx, options.MaxFileBytes), options);
    }

    private static List<SourceLine> ToSourceLines(List<DocxParagraph> paragraphs)
    {
        // Captions: a caption style, or a short unindented line right under a picture.
        var kept = new List<DocxParagraph>();
        var afterImage = false;
        foreach (var p in paragraphs)
        {
            var caption = p.StyleName.Contains("caption", StringComparison.OrdinalIgnoreCase) || p.StyleName.Contains("题注", StringComparison.Ordinal)
                || (afterImage && p.Text.Length > 0 && p.Text.Length <= 60 && p.FirstLineIndent <= 0 && !BulletinLayout.EndsTerminal(p.Text)
                    && !BulletinLayout.CreditLineRegex().IsMatch(p.Text.Trim()));
            afterImage = p.HasImage && p.Text.Trim().Length == 0 || (afterImage && caption);
            if (!caption && p.Text.Trim().Length > 0)
            {
                kept.Add(p);
            }
        }

        var body = kept.Where(p => p.Text.Length >= 20).GroupBy(p => p.Size).OrderByDescending(g => g.Sum(p => p.Text.Length)).FirstOrDefault()?.Key
            ?? kept.Select(p => p.Size).DefaultIfEmpty(10.5).Max();
        var lines = kept.Select((p, i) => new SourceLine { LineNumber = i + 1, Text = p.Text.Trim(), Width = TextWidth.Of(p.Text.Trim()) }).ToList();
        BulletinLayout.Classify(lines);

        var twoLevels = kept.Any(p => p.HeadingLevel == 1) && kept.Any(p => p.HeadingLevel >= 2);
        var seenStructure = false;
        var mastheadFound = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var p = kept[i];
            line.StartsParagraph = true;
            line.IsTitle = false;
            line.Emphasised = p.BoldShare >= 0.6 || p.RedShare > 0.5;
            line.Framed = p.Framed;
            if (line.Kind == LineKind.Masthead)
            {
                line.Kind = LineKind.Content;
            }

            if (!mastheadFound && !seenStructure && i < 8 && line.Kind == LineKind.Content
                && (p.StyleName.Contains("masthead", StringComparison.OrdinalIgnoreCase) || p.StyleName.Contains("报头", StringComparison.Ordinal)
                    || p.Size >= 1.5 * body || (p.RedShare > 0.5 && p.Size >= 1.2 * body)))
            {
                mastheadFound = true;
                line.Kind = LineKind.Masthead;
                var at = line.Text.IndexOf('●', StringComparison.Ordinal);
                line.Payload = TextNormalizer.Normalize(at >= 0 ? line.Text[(at + 1)..] : line.Text).Replace(" ", string.Empty, StringComparison.Ordinal);
                for (var k = 0; k < i; k++)
                {
                    lines[k].Kind = LineKind.Noise;
                }

                continue;
            }

            if (line.Kind != LineKind.Content)
            {
                seenStructure |= line.Kind is LineKind.Heading or LineKind.Credit;
                continue;
            }

            var text = line.Text;
            if (!seenStructure && BulletinParser.IssueInfoRegex().IsMatch(text))
            {
                continue;
            }

            if (TextNormalizer.Normalize(text).StartsWith("编者按", StringComparison.Ordinal))
            {
                line.Kind = LineKind.Noise;
                continue;
            }

            if (twoLevels && p.HeadingLevel == 1 && text.Length <= 20 && !BulletinLayout.EndsPunctuation(text))
            {
                line.Kind = LineKind.Heading;
                line.Payload = TextNormalizer.Normalize(text).Trim('[', ']', '【', '】').Replace(" ", string.Empty, StringComparison.Ordinal);
                seenStructure = true;
                continue;
            }

            var styled = p.BoldShare >= 0.6 || p.Size >= 1.08 * body;
            var title = !BulletinLayout.EndsTerminal(text) && !BulletinParser.BriefRegex().IsMatch(text) && text.Length <= 80
                && (p.HeadingLevel > 0 || (p.Centered && styled) || (p.BoldShare >= 0.6 && p.Size >= 1.1 * body && !BulletinLayout.EndsPunctuation(text)));
            if (title)
            {
                seenStructure = true;
                line.IsTitle = true;
                var prev = i > 0 ? kept[i - 1] : null;
                line.StartsParagraph = !(i > 0 && lines[i - 1].IsTitle == true && prev is not null && prev.StyleName == p.StyleName
                    && Math.Abs(prev.Size - p.Size) < 0.1 && prev.Centered == p.Centered && !BulletinLayout.EndsPunctuation(lines[i - 1].Text));
            }
        }

        // The distribution block (报/送/发, 共印N份) ends the document.
        for (var i = 0; i < lines.Count; i++)
        {
            var distributionStyle = kept[i].StyleName.Contains("distribution", StringComparison.OrdinalIgnoreCase) || kept[i].StyleName.Contains("copies", StringComparison.OrdinalIgnoreCase);
            if ((distributionStyle || DistributionRegex().IsMatch(lines[i].Text)) && i >= lines.Count * 0.5)
            {
                for (var k = i; k < lines.Count; k++)
                {
                    lines[k].Kind = LineKind.Noise;
                }

                break;
            }
        }

        return lines;
    }

    /// <summary>What the reader keeps of one Word paragraph; <see cref="ImageIds"/> are the relationship ids of its pictures.</summary>
    internal sealed record DocxParagraph(string Text, string StyleName, int HeadingLevel, double Size, double BoldShare, double RedShare, bool Centered, double FirstLineIndent, bool HasImage, bool Framed)
    {
        public IReadOnlyList<string> ImageIds { get; init; } = [];
    }

    /// <summary>
    /// Walks the body in order, resolving formatting through the style chain. A soft line break becomes
    /// <paramref name="lineBreak"/> (a space for bulletins; the article reader keeps it to find paragraphs typed with Shift+Enter).
    /// </summary>
    internal sealed class Reader(MainDocumentPart main, char lineBreak = ' ')
    {
        private readonly Dictionary<string, Style> _styles = main.StyleDefinitionsPart?.Styles?.Elements<Style>()
            .Where(s => s.StyleId?.Value is not null)
            .GroupBy(s => s.StyleId!.Value!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal) ?? [];

        private readonly double _defaultSize = HalfPoints(main.StyleDefinitionsPart?.Styles?.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle?.FontSize?.Val?.Value) ?? 10.5;

        private readonly Dictionary<(int, int), int> _counters = [];

        public List<DocxParagraph> Paragraphs()
        {
            var result = new List<DocxParagraph>();
            var body = main.Document?.Body;
            if (body is null)
            {
                return result;
            }

            foreach (var element in body.ChildElements)
            {
                switch (element)
                {
                    case Paragraph p:
                        result.Add(Read(p));
                        break;
                    case Table t:
                        // Flattened, except the distribution block some templates set as a table. A table of one
                        // cell is a drawn box: what it holds is framed (a column heading, if it is short).
                        var single = t.Descendants<TableCell>().Count() == 1;
                        var cells = t.Descendants<Paragraph>().Select(Read).Select(c => single ? c with { Framed = true } : c).ToList();
                        if (!cells.Any(c => DistributionRegex().IsMatch(c.Text)))
                        {
                            result.AddRange(cells);
                        }

                        break;
                    default:
                        result.AddRange(element.Descendants<Paragraph>().Select(Read));
                        break;
                }
            }

            return result;
        }

        private DocxParagraph Read(Paragraph p)
        {
            var pPr = p.ParagraphProperties;
            var styleId = pPr?.ParagraphStyleId?.Val?.Value;
            var chain = StyleChain(styleId).ToList();
            var styleName = chain.Count > 0 ? chain[0].StyleName?.Val?.Value ?? styleId ?? string.Empty : styleId ?? string.Empty;

            var sb = new StringBuilder(NumberPrefix(pPr, chain));
            double total = 0, bold = 0, red = 0, sizeWeighted = 0;
            foreach (var run in p.Descendants<Run>())
            {
                var runText = new StringBuilder();
                foreach (var child in run.ChildElements)
                {
                    switch (child)
                    {
                        case DocumentFormat.OpenXml.Wordprocessing.Text t:
                            runText.Append(t.Text);
                            break;
                        case TabChar:
                            runText.Append(' ');
                            break;
                        case Break:
                            runText.Append(lineBreak);
                            break;
                        default:
                            break;
                    }
                }

                var s = runText.ToString();
                sb.Append(s);
                var n = s.Count(c => !char.IsWhiteSpace(c));
                if (n == 0)
                {
                    continue;
                }

                var rPr = run.RunProperties;
                var runChain = StyleChain(rPr?.RunStyle?.Val?.Value).ToList();
                total += n;
                if (IsOn(rPr?.Bold) ?? runChain.Select(st => IsOn(st.StyleRunProperties?.Bold)).FirstOrDefault(b => b is not null)
                    ?? chain.Select(st => IsOn(st.StyleRunProperties?.Bold)).FirstOrDefault(b => b is not null) ?? false)
                {
                    bold += n;
                }

                var color = rPr?.Color?.Val?.Value ?? chain.Select(st => st.StyleRunProperties?.Color?.Val?.Value).FirstOrDefault(c => c is not null);
                if (IsRed(color))
                {
                    red += n;
                }

                var size = HalfPoints(rPr?.FontSize?.Val?.Value) ?? runChain.Select(st => HalfPoints(st.StyleRunProperties?.FontSize?.Val?.Value)).FirstOrDefault(v => v is not null)
                    ?? chain.Select(st => HalfPoints(st.StyleRunProperties?.FontSize?.Val?.Value)).FirstOrDefault(v => v is not null) ?? _defaultSize;
                sizeWeighted += size * n;
            }

            var justification = pPr?.Justification?.Val?.Value ?? chain.Select(st => st.StyleParagraphProperties?.Justification?.Val?.Value).FirstOrDefault(j => j is not null);
            var indentation = pPr?.Indentation ?? chain.Select(st => st.StyleParagraphProperties?.Indentation).FirstOrDefault(i => i is not null);
            var firstLine = ParseDouble(indentation?.FirstLine?.Value) ?? (indentation?.FirstLineChars?.Value is { } chars ? chars * 2.4 : 0);
            firstLine -= ParseDouble(indentation?.Hanging?.Value) ?? 0;
            var outline = pPr?.OutlineLevel?.Val?.Value ?? chain.Select(st => st.StyleParagraphProperties?.OutlineLevel?.Val?.Value).FirstOrDefault(o => o is not null);
            return new DocxParagraph(
                sb.ToString(),
                styleName,
                HeadingLevel(chain, outline),
                total > 0 ? Math.Round(sizeWeighted / total * 2) / 2 : _defaultSize,
                total > 0 ? bold / total : 0,
                total > 0 ? red / total : 0,
                justification == JustificationValues.Center,
                firstLine,
                p.Descendants<Drawing>().Any() || p.Descendants<DocumentFormat.OpenXml.Vml.ImageData>().Any(),
                IsFramed(pPr, chain))
            {
                // Inline and floating (anchored) DrawingML pictures, and old VML ones, in reading order.
                ImageIds = [.. p.Descendants().Select(e => e switch
                {
                    DocumentFormat.OpenXml.Drawing.Blip b => b.Embed?.Value,
                    DocumentFormat.OpenXml.Vml.ImageData v => v.RelationshipId?.Value,
                    _ => null,
                }).OfType<string>()],
            };
        }

        /// <summary>A paragraph drawn as a bar or box: shaded with a colour, or with a left, top or box border.</summary>
        private static bool IsFramed(ParagraphProperties? pPr, List<Style> chain)
        {
            var shading = pPr?.Shading ?? chain.Select(st => st.StyleParagraphProperties?.Shading).FirstOrDefault(x => x is not null);
            var fill = shading?.Fill?.Value;
            if (fill is not null && !fill.Equals("auto", StringComparison.OrdinalIgnoreCase) && !fill.Equals("FFFFFF", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var borders = pPr?.ParagraphBorders ?? chain.Select(st => st.StyleParagraphProperties?.ParagraphBorders).FirstOrDefault(x => x is not null);
            static bool On(BorderType? b) => b?.Val?.Value is { } v && v != BorderValues.None && v != BorderValues.Nil;
            return borders is not null && (On(borders.LeftBorder) || (On(borders.TopBorder) && On(borders.BottomBorder)));
        }

        /// <summary>Word list numbering (1、2、) is not in the text: rebuild a decimal prefix.</summary>
        private string NumberPrefix(ParagraphProperties? pPr, List<Style> chain)
        {
            var numPr = pPr?.NumberingProperties ?? chain.Select(st => st.StyleParagraphProperties?.NumberingProperties).FirstOrDefault(n => n is not null);
            var numId = numPr?.NumberingId?.Val?.Value;
            if (numId is null or 0)
            {
                return string.Empty;
            }

            var ilvl = numPr?.NumberingLevelReference?.Val?.Value ?? 0;
            var numbering = main.NumberingDefinitionsPart?.Numbering;
            var instance = numbering?.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId);
            var abstractId = instance?.AbstractNumId?.Val?.Value;
            var level = numbering?.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId)
                ?.Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == ilvl);
            if (level?.NumberingFormat?.Val?.Value != NumberFormatValues.Decimal || level.LevelText?.Val?.Value is not { } template)
            {
                return string.Empty;
            }

            var key = (numId.Value, ilvl);
            var start = level.StartNumberingValue?.Val?.Value ?? 1;
            _counters[key] = _counters.TryGetValue(key, out var c) ? c + 1 : start;
            // Word follows the number with a tab unless the level says nothing (so 1. and 9月 do not run into 1.9月).
            var suffix = level.LevelSuffix?.Val?.Value == LevelSuffixValues.Nothing ? string.Empty : " ";
            return template.Replace("%" + (ilvl + 1).ToString(CultureInfo.InvariantCulture), _counters[key].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) + suffix;
        }

        private IEnumerable<Style> StyleChain(string? styleId)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (styleId is not null && seen.Add(styleId) && _styles.TryGetValue(styleId, out var style))
            {
                yield return style;
                styleId = style.BasedOn?.Val?.Value;
            }
        }

        private static int HeadingLevel(List<Style> chain, int? outline)
        {
            foreach (var st in chain)
            {
                var name = (st.StyleName?.Val?.Value ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
                if (name is "TITLE" or "标题" or "ARTICLETITLE")
                {
                    return 2;
                }

                foreach (var prefix in (string[])["HEADING", "标题"])
                {
                    if (name.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var level))
                    {
                        return level;
                    }
                }
            }

            return outline is >= 0 and < 9 ? outline.Value + 1 : 0;
        }

        private static bool? IsOn(OnOffType? value) => value is null ? null : value.Val?.Value ?? true;

        private static bool IsRed(string? hex) =>
            hex is { Length: 6 } && int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb)
            && ((rgb >> 16) & 0xFF) > 0x8C && ((rgb >> 8) & 0xFF) < 0x59 && (rgb & 0xFF) < 0x59;

        private static double? HalfPoints(string? value) => ParseDouble(value) is { } v ? v / 2 : null;

        private static double? ParseDouble(string? value) =>
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
