using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;

namespace Jianxun.Text;

/// <summary>
/// Proposes an article draft from the document a contributor already wrote (issue 22): a DOCX (read with the bulletin
/// reader's paragraph walk and the same limits, ADR-016) or a text file. The title is the title-styled, bold, centred
/// or short first lines; paragraphs lose indents, full-width spaces and soft line breaks; pictures keep their captions
/// (图为…); authors, units and phone come from the credit or signature lines; the event date from the text. Pure: no
/// database, no web, no clock (the caller gives the date "today" that dates without a year are read against).
/// </summary>
public static partial class ArticleDocumentReader
{
    /// <summary>Pictures kept from one document (the article's own limit on photos).</summary>
    public const int MaxPhotos = 20;

    private const int MaxTitleLines = 3;
    private const int MaxTitleLength = 100;

    // 图为…, 图：…, 图1 …, （图为…）, 上图/下图为….
    [GeneratedRegex(@"^[（(]?\s*(?:图\s*(?:为|：|:|\d{1,2}|[一二三四五六七八九十]{1,2}\s*[：:、. ])|[上下左右]图(?:为|：|:))")]
    private static partial Regex CaptionRegex();

    // 【供稿：…】, [供稿：…], （供稿单位：…） anywhere in a line (often at the end of the last paragraph).
    [GeneratedRegex(@"[【\[〔（(]\s*(?:供\s*稿(?:单\s*位)?|来\s*源|稿\s*源)\s*[：:]\s*(?<body>[^【】\[\]〔〕（）()]{1,120}?)\s*[】\]〕）)]")]
    private static partial Regex BracketCreditRegex();

    private const string FieldNames = @"供稿单位|供稿|单位|作者|撰稿人|撰稿|执笔|通讯员|记者|摄影|联系人|联系电话|电话|手机";

    [GeneratedRegex(@"(?<name>" + FieldNames + @")\s*[：:]\s*(?<value>.*?)\s*(?=(?:" + FieldNames + @")\s*[：:]|$)")]
    private static partial Regex FieldRegex();

    [GeneratedRegex(@"^\s*(?:" + FieldNames + @")\s*[：:]")]
    private static partial Regex FieldLineRegex();

    [GeneratedRegex(@"(?<!\d)(?:1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}[-－—\s]?\d{7,8}(?:[-－转]\d{1,5})?|\d{7,8})(?!\d)")]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"^\s*(?:\d{4}|[〇零一二三四五六七八九○]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日\s*$")]
    private static partial Regex DateOnlyLineRegex();

    private static readonly char[] NameSeparators = [' ', '\u3000', '、', ',', '，', ';', '；', '/', '\t'];

    /// <summary>
    /// Reads any accepted document: .docx and .txt directly, .doc/.wps/.rtf/.odt through <paramref name="converter"/> (null or
    /// without LibreOffice: refused with a Chinese message naming what to do).
    /// </summary>
    public static async Task<ArticleDraft> ReadAsync(string fileName, ReadOnlyMemory<byte> content, LegacyDocumentConverter? converter, DateOnly today, CancellationToken ct)
    {
        if (content.IsEmpty)
        {
            throw new BulletinImportException(BulletinImportError.Empty, "文件为空。");
        }

        if (content.Length > UserFileLimits.MaxArticleDocumentBytes)
        {
            throw BulletinImporter.TooLarge(content.Length, UserFileLimits.MaxArticleDocumentBytes);
        }

        var kind = ArticleDocumentFormat.Detect(fileName, content.Span);
        if (kind != ArticleDocumentKind.Legacy)
        {
            return Read(fileName, content, today);
        }

        if (converter is not { IsAvailable: true })
        {
            throw ArticleDocumentFormat.Refusal(kind);
        }

        var ext = Path.GetExtension(fileName);
        var docx = await converter.ConvertToDocxAsync(content, content.Span.StartsWith("{\\rtf"u8) ? ".rtf" : ext, ct);
        return ReadDocx(docx, today);
    }

    /// <summary>Reads a .docx or .txt by its name; other formats must be converted first (<see cref="LegacyDocumentConverter"/>).</summary>
    public static ArticleDraft Read(string fileName, ReadOnlyMemory<byte> content, DateOnly today)
    {
        var kind = ArticleDocumentFormat.Detect(fileName, content.Span);
        return kind switch
        {
            ArticleDocumentKind.Docx => ReadDocx(content, today),
            ArticleDocumentKind.Text => ReadText(content.Span, today),
            _ => throw ArticleDocumentFormat.Refusal(kind),
        };
    }

    /// <summary>Reads a DOCX after the limits of <see cref="DocxGuard"/>; refuses macro-carrying packages.</summary>
    public static ArticleDraft ReadDocx(ReadOnlyMemory<byte> docx, DateOnly today)
    {
        if (docx.IsEmpty)
        {
            throw new BulletinImportException(BulletinImportError.Empty, "文件为空。");
        }

        if (docx.Length > UserFileLimits.MaxArticleDocumentBytes)
        {
            throw BulletinImporter.TooLarge(docx.Length, UserFileLimits.MaxArticleDocumentBytes);
        }

        var budget = new ImportBudget();
        DocxGuard.Check(docx, budget);
        RefuseMacros(docx);
        try
        {
            using var stream = new MemoryStream(docx.ToArray(), writable: false);
            using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = UserFileLimits.MaxDocxXmlBytes });
            var main = document.MainDocumentPart ?? throw new BulletinImportException(BulletinImportError.Corrupt, "Word 文档缺少正文部分，文件可能已损坏。");
            var paragraphs = new DocxBulletinReader.Reader(main, '\n').Paragraphs();
            budget.Check();
            var blocks = ToBlocks(paragraphs);
            var images = new Images(main);
            return Recognise(blocks, images, today);
        }
        catch (BulletinImportException)
        {
            throw;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or FormatException or InvalidOperationException)
        {
            throw new BulletinImportException(BulletinImportError.Corrupt, "Word 文档已损坏或格式不正确，无法读取。", e);
        }
    }

    /// <summary>Reads a text file (UTF-8, UTF-16 with BOM or GB18030): one line a paragraph, or indented lines start paragraphs.</summary>
    public static ArticleDraft ReadText(ReadOnlySpan<byte> bytes, DateOnly today)
    {
        if (bytes.IsEmpty)
        {
            throw new BulletinImportException(BulletinImportError.Empty, "文件为空。");
        }

        if (bytes.Length > UserFileLimits.MaxTextBytes)
        {
            throw BulletinImporter.TooLarge(bytes.Length, UserFileLimits.MaxTextBytes);
        }

        var lines = BulletinTextReader.Decode(bytes).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        // Hard-wrapped text marks paragraphs by an indent: then an unindented line continues the one before.
        var indented = lines.Count(l => l.Length > 0 && char.IsWhiteSpace(l[0]) && l.Trim().Length > 0) >= 2;
        var blocks = new List<Block>();
        var sb = new StringBuilder();
        void Flush()
        {
            if (sb.Length > 0)
            {
                blocks.Add(Block.Plain(sb.ToString()));
                sb.Clear();
            }
        }

        foreach (var line in lines)
        {
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }

            if (!indented || char.IsWhiteSpace(line[0]) || blocks.Count == 0 && sb.Length == 0 || LooksLikeOwnLine(line.Trim()))
            {
                Flush();
            }

            sb.Append(line.Trim()).Append(' ');
        }

        Flush();
        if (blocks.Count == 0)
        {
            throw new BulletinImportException(BulletinImportError.Empty, "文件中没有文字。");
        }

        return Recognise(blocks, null, today);
    }

    private static bool LooksLikeOwnLine(string line) =>
        FieldLineRegex().IsMatch(line) || CaptionRegex().IsMatch(line) || BracketCreditRegex().IsMatch(line) || DateOnlyLineRegex().IsMatch(line);

    private static void RefuseMacros(ReadOnlyMemory<byte> docx)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(docx.ToArray(), writable: false), ZipArchiveMode.Read);
            var macro = zip.Entries.Any(e => e.FullName.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)
                                             || e.FullName.Contains("vbaData", StringComparison.OrdinalIgnoreCase));
            if (!macro && zip.GetEntry("[Content_Types].xml") is { } types)
            {
                // The guard has already bounded every part, so this read is small.
                using var reader = new StreamReader(types.Open());
                macro = reader.ReadToEnd().Contains("macroEnabled", StringComparison.OrdinalIgnoreCase);
            }

            if (macro)
            {
                throw new BulletinImportException(BulletinImportError.UnsupportedFormat,
                    "文档包含宏（VBA 代码，如 .docm），出于安全考虑不予读取。请在 Word 中另存为不含宏的 .docx 后再上传。");
            }
        }
        catch (InvalidDataException e)
        {
            throw new BulletinImportException(BulletinImportError.Corrupt, "Word 文档已损坏或格式不正确，无法读取。", e);
        }
    }

    /// <summary>Word paragraphs to blocks: a soft line break starts a new paragraph when an indent or a sentence end marks one.</summary>
    private static List<Block> ToBlocks(List<DocxBulletinReader.DocxParagraph> paragraphs)
    {
        var body = paragraphs.Where(p => p.Text.Trim().Length >= 20).GroupBy(p => p.Size).OrderByDescending(g => g.Sum(p => p.Text.Length))
            .Select(g => (double?)g.Key).FirstOrDefault() ?? 10.5;
        var blocks = new List<Block>();
        foreach (var p in paragraphs)
        {
            var styled = p.HeadingLevel > 0 || p.BoldShare >= 0.6 || p.Centered || p.Size >= 1.15 * body
                         || p.StyleName.Contains("title", StringComparison.OrdinalIgnoreCase);
            var caption = p.StyleName.Contains("caption", StringComparison.OrdinalIgnoreCase) || p.StyleName.Contains("题注", StringComparison.Ordinal);
            var segments = SplitSoftBreaks(p.Text);
            for (var i = 0; i < segments.Count; i++)
            {
                blocks.Add(new Block(segments[i], styled, caption, i == 0 ? p.ImageIds : []));
            }

            if (segments.Count == 0)
            {
                blocks.Add(new Block(string.Empty, styled, caption, p.ImageIds));
            }
        }

        return blocks;
    }

    private static List<string> SplitSoftBreaks(string text)
    {
        var parts = text.Split('\n');
        var result = new List<string>();
        foreach (var part in parts)
        {
            var trimmed = part.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            var startsNew = result.Count == 0 || (part.Length > 0 && char.IsWhiteSpace(part[0])) || BulletinLayout.EndsTerminal(result[^1])
                            || LooksLikeOwnLine(trimmed);
            if (startsNew)
            {
                result.Add(trimmed);
            }
            else
            {
                result[^1] = TextNormalizer.JoinLines([result[^1], trimmed]);
            }
        }

        return result;
    }

    private static ArticleDraft Recognise(List<Block> blocks, Images? images, DateOnly today)
    {
        var source = new List<ArticleSourceLine>();
        var notes = new List<string>();
        // Whitespace runs become one space here (credits are split at them); the text kept is normalised where it is used.
        var cleaned = blocks.Select(b => b with { Text = Collapse(b.Text) }).ToList();

        // Title: up to three title-like lines at the start (styled, or short and unpunctuated when nothing is styled).
        var first = cleaned.FindIndex(b => b.Text.Length > 0);
        if (first < 0)
        {
            throw new BulletinImportException(BulletinImportError.Empty, "文档中没有文字。");
        }

        var titleLines = new List<string>();
        var at = first;
        var anyStyled = cleaned.Any(b => b.Styled && b.Text.Length > 0);
        while (at < cleaned.Count && titleLines.Count < MaxTitleLines)
        {
            var b = cleaned[at];
            if (b.Text.Length == 0 && b.ImageIds.Count == 0)
            {
                at++;
                continue;
            }

            var candidate = b.Text.Length is > 0 and <= 60 && b.ImageIds.Count == 0 && !BulletinLayout.EndsTerminal(b.Text) && !b.Text.EndsWith('，')
                            && !LooksLikeOwnLine(b.Text) && titleLines.Sum(t => t.Length) + b.Text.Length <= MaxTitleLength;
            var titleLike = anyStyled ? b.Styled : titleLines.Count == 0;
            if (!candidate || !titleLike)
            {
                break;
            }

            titleLines.Add(TextNormalizer.Normalize(b.Text));
            source.Add(new ArticleSourceLine(b.Text, ArticleLineRole.Title));
            at++;
        }

        var title = TextNormalizer.JoinLines(titleLines);
        var paragraphs = new List<string>();
        var photos = new List<PhotoSlot>();
        var credit = new CreditFields();
        DateOnly? signatureDate = null;
        var lastWasImage = false;
        string? pendingCaption = null;
        var roles = new List<(string Text, ArticleLineRole Role)>();
        for (var i = at; i < cleaned.Count; i++)
        {
            var b = cleaned[i];
            var text = b.Text;
            if (b.ImageIds.Count > 0)
            {
                foreach (var id in b.ImageIds)
                {
                    var photo = images?.Take(id, photos.Count + 1, notes);
                    if (photo is not null)
                    {
                        photos.Add(new PhotoSlot(photo, pendingCaption));
                        roles.Add(($"［图片 {photos.Count}］", ArticleLineRole.Photo));
                        pendingCaption = null;
                    }
                }

                lastWasImage = true;
                if (text.Length == 0)
                {
                    continue;
                }
            }

            if (text.Length == 0)
            {
                continue;
            }

            // A credit in brackets, on its own line or at the end of the last paragraph.
            var bracket = BracketCreditRegex().Match(text);
            if (bracket.Success)
            {
                credit.AddCredit(bracket.Groups["body"].Value);
                var rest = text.Remove(bracket.Index, bracket.Length).Trim();
                roles.Add((bracket.Value, ArticleLineRole.Credit));
                text = rest;
                if (text.Length == 0)
                {
                    lastWasImage = false;
                    continue;
                }
            }

            if (FieldLineRegex().IsMatch(text))
            {
                foreach (Match m in FieldRegex().Matches(text))
                {
                    credit.AddField(m.Groups["name"].Value, m.Groups["value"].Value);
                }

                roles.Add((text, ArticleLineRole.Credit));
                lastWasImage = false;
                continue;
            }

            var isCaption = CaptionRegex().IsMatch(text) || b.Caption
                            || (lastWasImage && text.Length <= 40 && !BulletinLayout.EndsTerminal(text) && paragraphs.Count > 0);
            if (isCaption && (photos.Count > 0 || NextHasImage(cleaned, i) || images is null))
            {
                var caption = TextNormalizer.Normalize(text);
                if (photos.Count > 0 && photos[^1].Caption is null && (lastWasImage || !NextHasImage(cleaned, i)))
                {
                    photos[^1] = photos[^1] with { Caption = caption };
                }
                else if (NextHasImage(cleaned, i))
                {
                    pendingCaption = caption;
                }
                else if (images is null)
                {
                    // A text file cannot hold the picture: the caption waits for the photo the contributor adds.
                    photos.Add(new PhotoSlot(null, caption));
                }
                else
                {
                    paragraphs.Add(caption);
                    roles.Add((text, ArticleLineRole.Paragraph));
                    lastWasImage = false;
                    continue;
                }

                roles.Add((text, ArticleLineRole.Caption));
                lastWasImage = false;
                continue;
            }

            lastWasImage = false;
            if (IsSignatureTail(cleaned, i))
            {
                if (DateOnlyLineRegex().IsMatch(text))
                {
                    signatureDate ??= ResolveDate(text, today);
                    roles.Add((text, ArticleLineRole.Ignored));
                }
                else
                {
                    credit.AddCredit(text);
                    roles.Add((text, ArticleLineRole.Credit));
                }

                continue;
            }

            paragraphs.Add(TextNormalizer.Normalize(text));
            roles.Add((text, ArticleLineRole.Paragraph));
        }

        source.AddRange(roles.Select(r => new ArticleSourceLine(r.Text, r.Role)));
        if (paragraphs.Count == 0 && title.Length > 0 && titleLines.Count == 1 && title.Length > 40)
        {
            paragraphs.Add(title);
            title = string.Empty;
        }

        var eventDate = FindEventDate(title, paragraphs, today) ?? signatureDate;
        var photoList = photos.Where(p => p.Photo is not null).Select(p => p.Photo! with { Caption = p.Caption ?? string.Empty }).ToList();
        var orphanCaptions = photos.Where(p => p.Photo is null && p.Caption is not null).Select(p => p.Caption!).ToList();
        if (orphanCaptions.Count > 0)
        {
            notes.Add($"文中有 {orphanCaptions.Count} 处图片说明，但文件里没有图片：请在保存前补充照片（说明：{string.Join("；", orphanCaptions)}）。");
        }

        return new ArticleDraft(title, paragraphs, credit.Authors(), credit.Units(), credit.Phone, eventDate, photoList, source, notes);
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\t', '\u3000', '\u00a0', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static bool NextHasImage(List<Block> blocks, int i)
    {
        for (var k = i + 1; k < blocks.Count; k++)
        {
            if (blocks[k].ImageIds.Count > 0)
            {
                return true;
            }

            if (blocks[k].Text.Length > 0)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>A short unpunctuated line among the last lines, after which only such lines follow: a signature (unit, names, date).</summary>
    private static bool IsSignatureTail(List<Block> blocks, int i)
    {
        static bool Short(Block b) => b.Text.Length == 0 || (b.Text.Length <= 30 && !BulletinLayout.EndsTerminal(b.Text) && !b.Text.Contains('，', StringComparison.Ordinal)
                                                           && b.ImageIds.Count == 0 && !CaptionRegex().IsMatch(b.Text));
        if (!Short(blocks[i]) || blocks[i].Text.Length == 0)
        {
            return false;
        }

        // Something before it must be a paragraph (so a document of short lines is not all signature).
        if (!blocks.Take(i).Any(b => b.Text.Length > 40))
        {
            return false;
        }

        for (var k = i + 1; k < blocks.Count; k++)
        {
            if (!Short(blocks[k]) && !FieldLineRegex().IsMatch(blocks[k].Text) && !BracketCreditRegex().IsMatch(blocks[k].Text))
            {
                return false;
            }
        }

        return true;
    }

    private static DateOnly? FindEventDate(string title, List<string> paragraphs, DateOnly today)
    {
        foreach (var text in new[] { title }.Concat(paragraphs.Take(2)).Concat(paragraphs.Skip(2)))
        {
            foreach (var (_, year, month, day) in EntityExtractor.ExtractDates(text))
            {
                if (Resolve(year, month, day, today) is { } date)
                {
                    return date;
                }
            }
        }

        return null;
    }

    private static DateOnly? ResolveDate(string text, DateOnly today)
    {
        var digits = new StringBuilder();
        foreach (var c in text)
        {
            var d = "〇一二三四五六七八九".IndexOf(c, StringComparison.Ordinal);
            digits.Append(c is '零' or '○' ? '0' : d >= 0 ? (char)('0' + d) : c);
        }

        var normal = digits.ToString().Replace("十", string.Empty, StringComparison.Ordinal);
        var found = EntityExtractor.ExtractDates(TextNormalizer.Normalize(normal)).FirstOrDefault();
        return found.Text is null ? null : Resolve(found.Year, found.Month, found.Day, today);
    }

    /// <summary>A date without a year is this year's, unless that is more than a week ahead (then last year's).</summary>
    private static DateOnly? Resolve(int? year, int month, int day, DateOnly today)
    {
        var y = year ?? today.Year;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(y, 1, 9999), month) || y is < 2000 or > 9999)
        {
            return null;
        }

        var date = new DateOnly(y, month, day);
        return year is null && date > today.AddDays(7) && y > 2000 ? date.AddYears(-1) : date;
    }

    /// <summary>One paragraph of the document: its text, whether it looks like a title, a caption style, and its pictures.</summary>
    private sealed record Block(string Text, bool Styled, bool Caption, IReadOnlyList<string> ImageIds)
    {
        public static Block Plain(string text) => new(text, false, false, []);
    }

    private sealed record PhotoSlot(ArticlePhoto? Photo, string? Caption);

    /// <summary>The pictures of the main part, each taken once, JPEG and PNG only, each within the photo size limit.</summary>
    private sealed class Images(MainDocumentPart main)
    {
        private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
        private int _count;

        public ArticlePhoto? Take(string relationshipId, int number, List<string> notes)
        {
            if (!_taken.Add(relationshipId) || !main.TryGetPartById(relationshipId, out var part) || part is not ImagePart image)
            {
                return null;
            }

            if (++_count > MaxPhotos)
            {
                if (_count == MaxPhotos + 1)
                {
                    notes.Add($"文档中的图片超过 {MaxPhotos} 张，只取前 {MaxPhotos} 张。");
                }

                return null;
            }

            var type = image.ContentType;
            var name = Path.GetFileName(image.Uri.OriginalString);
            if (type is not ("image/jpeg" or "image/png" or "image/jpg"))
            {
                notes.Add($"第 {number} 张图片（{name}）是 {Extension(name)} 格式，不能作为照片导入；请另存为 JPEG 或 PNG 后在稿件中添加。");
                _count--;
                return null;
            }

            using var stream = image.GetStream(FileMode.Open, FileAccess.Read);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > UserFileLimits.MaxPhotoBytes)
                {
                    notes.Add($"第 {number} 张图片（{name}）超过 {UserFileLimits.Megabytes(UserFileLimits.MaxPhotoBytes)}，未导入。");
                    _count--;
                    return null;
                }
            }

            return new ArticlePhoto(buffer.ToArray(), type == "image/jpg" ? "image/jpeg" : type, name, string.Empty);
        }

        private static string Extension(string name) => Path.GetExtension(name).TrimStart('.').ToUpperInvariant() is { Length: > 0 } e ? e : "未知";
    }

    /// <summary>Units, authors and phone gathered from every credit and signature line.</summary>
    private sealed class CreditFields
    {
        private readonly List<string> _units = [];
        private readonly List<string> _authors = [];

        public string? Phone { get; private set; }

        public IReadOnlyList<string> Units() => [.. _units.Distinct(StringComparer.Ordinal)];

        public IReadOnlyList<string> Authors() => [.. _authors.Distinct(StringComparer.Ordinal)];

        public void AddCredit(string body)
        {
            var rest = TakePhone(body);
            if (FieldLineRegex().IsMatch(rest))
            {
                foreach (Match m in FieldRegex().Matches(rest))
                {
                    AddField(m.Groups["name"].Value, m.Groups["value"].Value);
                }

                return;
            }

            var parsed = CreditParser.Parse(rest.Replace('、', ' ').Replace('，', ' ').Replace(',', ' '), null);
            _units.AddRange(parsed.Units);
            _authors.AddRange(parsed.Authors);
        }

        public void AddField(string name, string value)
        {
            value = value.Trim().TrimEnd('。', '；', ';', '，', ',');
            switch (name)
            {
                case "联系电话" or "电话" or "手机":
                    TakePhone(value);
                    break;
                case "供稿单位" or "单位":
                    _units.AddRange(Split(TakePhone(value)));
                    break;
                case "供稿":
                    AddCredit(value);
                    break;
                case "联系人":
                    // A contact person is an author only when nobody else is named.
                    var rest = TakePhone(value);
                    if (_authors.Count == 0)
                    {
                        _authors.AddRange(Split(rest).Where(t => ChineseNames.LooksLikeName(t)));
                    }

                    break;
                default:
                    _authors.AddRange(Split(TakePhone(value)));
                    break;
            }
        }

        private string TakePhone(string text)
        {
            var m = PhoneRegex().Match(text);
            if (!m.Success)
            {
                return text;
            }

            Phone ??= m.Value.Replace(" ", string.Empty, StringComparison.Ordinal);
            return text.Remove(m.Index, m.Length).Replace("电话", string.Empty, StringComparison.Ordinal).Trim();
        }

        private static IEnumerable<string> Split(string value) =>
            value.Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(TextNormalizer.Normalize)
                .Where(t => t.Length > 0);
    }
}
