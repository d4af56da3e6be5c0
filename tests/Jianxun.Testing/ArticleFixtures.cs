using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Jianxun.Testing;

/// <summary>What a fixture document holds, field by field (the answer the reader is scored against).</summary>
public sealed record ArticleTruth(
    string Name,
    string Title,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> Captions,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Units,
    string? Phone,
    DateOnly? EventDate);

/// <summary>
/// Articles written the ways contributors write them (invented content), as DOCX made with OpenXml: the title in a style or
/// only bold, centred over two lines; indents by first-line setting, full-width spaces or ASCII spaces; paragraphs typed
/// with Shift+Enter; inline and floating pictures with captions above or below; the credit in brackets, appended to the last
/// paragraph, or a signature block; the whole article in a table. And a text file.
/// </summary>
public static class ArticleFixtures
{
    /// <summary>Dates without a year are read against this day.</summary>
    public static readonly DateOnly Today = new(2026, 12, 8);

    private const string P1 = "11月20日，安泰建设集团在城东项目工地召开冬季安全生产现场推进会，集团领导班子成员、各项目部负责人共六十余人参加会议。";
    private const string P2 = "会议通报了今年以来安全生产工作情况，分析了冬季施工面临的主要风险，对下一阶段隐患排查整治工作作出具体部署。";
    private const string P3 = "会议要求，各单位要压紧压实安全责任，把防寒防冻、防火防滑措施落实到每一个作业面，确保全年安全生产形势稳定。";
    private const string C1 = "图为集团负责人在施工现场检查脚手架搭设情况。";

    private const string Q1 = "2026年10月8日，华源能源公司第三季度经营分析会在公司总部举行，会议总结前三季度经营情况，研究部署四季度重点任务。";
    private const string Q2 = "会上，各部门负责人逐一汇报了指标完成情况和存在问题，财务部门对成本费用控制情况进行了专题分析。";
    private const string Q3 = "公司主要负责人强调，要锚定全年目标不放松，抓好增收节支和项目建设，以优异成绩完成全年各项任务。";
    private const string D1 = "图为经营分析会现场。";

    private const string R1 = "为进一步提升应急处置能力，11月3日，华兴物流公司组织开展仓储区消防应急演练，公司各部门一百余名员工参加。";
    private const string R2 = "演练模拟仓库货物起火场景，员工按照应急预案迅速完成报警、疏散、初期火灾扑救和伤员救护等科目。";
    private const string R3 = "演练结束后，消防专业人员对演练情况进行点评，并现场讲解了灭火器和消防栓的正确使用方法。";
    private const string R4 = "通过此次演练，员工的消防安全意识和自救互救能力得到进一步增强。";
    private const string E1 = "图为员工使用灭火器扑灭初期火情。";
    private const string E2 = "图为专业人员讲解消防器材使用方法。";

    private const string S1 = "近日，城投置业公司启动老旧小区改造提升工程，首批三个小区的外墙保温、管网更新和道路修缮工作已全面展开。";
    private const string S2 = "公司成立工作专班，倒排工期、挂图作战，在12月1日前完成了施工图设计和招标工作，确保工程按期开工。";
    private const string S3 = "下一步，公司将加强施工组织和质量监管，及时回应居民诉求，把民生工程办成群众满意工程。";
    private const string F1 = "图为施工人员对小区外墙进行保温改造。";

    private const string T1 = "12月2日，远航科技公司与市职业技术学院签订校企合作协议，双方将在人才培养、技术研发和实训基地建设等方面开展合作。";
    private const string T2 = "根据协议，公司每年将接收学院学生到企业实习，并选派技术骨干担任兼职教师，共同开发实训课程。";
    private const string T3 = "双方表示，将以此次签约为契机，推动产教深度融合，为地方产业发展培养更多高素质技术技能人才。";

    public static IReadOnlyList<(ArticleTruth Truth, byte[] Docx)> Documents() =>
    [
        (new ArticleTruth("styled-title", "安泰建设集团召开冬季安全生产现场推进会", [P1, P2, P3], [C1], ["王晓明", "李红"], ["安泰建设集团"], null, new DateOnly(2026, 11, 20)),
            Build((b, d) =>
            {
                b.Append(Para("安泰建设集团召开冬季安全生产现场推进会", style: "Title"));
                b.Append(Para(P1, firstLineChars: true), Para(P2, firstLineChars: true));
                b.Append(PictureParagraph(d, anchor: false), Para(C1, center: true));
                b.Append(Para(P3, firstLineChars: true));
                b.Append(Para("【供稿：安泰建设集团 王晓明 李红】", right: true));
            })),
        (new ArticleTruth("bold-two-line-title-signature", "华源能源公司召开第三季度经营分析会研究部署四季度重点工作", [Q1, Q2, Q3], [D1], ["陈志刚"], ["华源能源公司"], "0571-88001234", new DateOnly(2026, 10, 8)),
            Build((b, d) =>
            {
                b.Append(Para("华源能源公司召开第三季度经营分析会", bold: true, center: true, size: 44));
                b.Append(Para("研究部署四季度重点工作", bold: true, center: true, size: 44));
                b.Append(Para("\u3000\u3000" + Q1), Para("\u3000\u3000" + Q2));
                b.Append(Para(D1, center: true), PictureParagraph(d, anchor: true));
                b.Append(Para("    " + Q3));
                b.Append(Para("供稿单位：华源能源公司"), Para("作者：陈志刚"), Para("联系电话：0571-88001234"));
            })),
        (new ArticleTruth("soft-breaks-two-photos", "华兴物流公司开展仓储区消防应急演练", [R1, R2, R3, R4], [E1, E2], ["赵磊"], ["华兴物流公司"], "13800138000", new DateOnly(2026, 11, 3)),
            Build((b, d) =>
            {
                b.Append(Para("华兴物流公司开展仓储区消防应急演练", bold: true));
                b.Append(SoftBreakParagraph("\u3000\u3000" + R1, "\u3000\u3000" + R2));
                b.Append(PictureWithText(d, E1));
                b.Append(SoftBreakParagraph("\u3000\u3000" + R3[..20], R3[20..], "\u3000\u3000" + R4));
                b.Append(PictureWithText(d, E2));
                b.Append(Para("作者：赵磊  联系电话：13800138000"));
                b.Append(Para("华兴物流公司", right: true), Para("2026年11月3日", right: true));
            })),
        (new ArticleTruth("in-a-table", "城投置业公司启动老旧小区改造提升工程", [S1, S2, S3], [F1], ["孙丽"], ["城投置业公司"], null, new DateOnly(2026, 12, 1)),
            Build((b, d) =>
            {
                var cell = new TableCell(
                    Para("城投置业公司启动老旧小区改造提升工程", bold: true, center: true),
                    Para(S1, firstLineChars: true),
                    PictureParagraph(d, anchor: false),
                    Para(F1, center: true),
                    Para(S2, firstLineChars: true),
                    Para(S3 + "【供稿：城投置业公司 孙丽】", firstLineChars: true));
                b.Append(new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }), new TableGrid(new GridColumn { Width = "9000" }), new TableRow(cell)));
                b.Append(Para(string.Empty));
            })),
        (new ArticleTruth("plain", "远航科技公司与市职业技术学院签订校企合作协议", [T1, T2, T3], [], ["周敏", "吴昊"], ["远航科技公司"], null, new DateOnly(2026, 12, 2)),
            Build((b, _) =>
            {
                b.Append(Para("远航科技公司与市职业技术学院签订校企合作协议"));
                b.Append(Para(T1), Para(T2), Para(T3));
                b.Append(Para("（供稿：远航科技公司 周敏、吴昊）"));
            })),
    ];

    /// <summary>The plain article as a GB18030 text file, hard-wrapped with full-width indents as a text editor keeps it.</summary>
    public static (ArticleTruth Truth, byte[] Text) TextFile()
    {
        var truth = Documents().Single(d => d.Truth.Name == "plain").Truth with { Name = "text-gb18030" };
        var sb = new StringBuilder();
        sb.Append("远航科技公司与市职业技术学院签订校企合作协议\r\n\r\n");
        foreach (var p in new[] { T1, T2, T3 })
        {
            sb.Append("\u3000\u3000").Append(p[..30]).Append("\r\n").Append(p[30..]).Append("\r\n");
        }

        sb.Append("（供稿：远航科技公司 周敏、吴昊）\r\n");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return (truth, Encoding.GetEncoding("GB18030").GetBytes(sb.ToString()));
    }

    private static byte[] Build(Action<Body, MainDocumentPart> write)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(new RunFonts { EastAsia = "宋体" }, new FontSize { Val = "32" }))),
                new Style(new StyleName { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
                new Style(new StyleName { Val = "Title" }, new BasedOn { Val = "Normal" },
                    new StyleParagraphProperties(new Justification { Val = JustificationValues.Center }),
                    new StyleRunProperties(new FontSize { Val = "44" }))
                { Type = StyleValues.Paragraph, StyleId = "Title" });
            var body = new Body();
            main.Document = new Document(body);
            write(body, main);
            body.Append(new SectionProperties(new PageSize { Width = 11906U, Height = 16838U }));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Paragraph Para(string text, string? style = null, bool bold = false, bool center = false, bool right = false, int? size = null, bool firstLineChars = false)
    {
        var pPr = new ParagraphProperties();
        if (style is not null)
        {
            pPr.Append(new ParagraphStyleId { Val = style });
        }

        if (firstLineChars)
        {
            pPr.Append(new Indentation { FirstLineChars = 200, FirstLine = "640" });
        }

        if (center || right)
        {
            pPr.Append(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Right });
        }

        return new Paragraph(pPr, TextRun(text, bold, size));
    }

    private static Run TextRun(string text, bool bold = false, int? size = null)
    {
        var rPr = new RunProperties();
        if (bold)
        {
            rPr.Append(new Bold());
        }

        if (size is { } s)
        {
            rPr.Append(new FontSize { Val = s.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new Run(rPr, new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Paragraph SoftBreakParagraph(params string[] lines)
    {
        var p = new Paragraph();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                p.Append(new Run(new Break()));
            }

            p.Append(TextRun(lines[i]));
        }

        return p;
    }

    private static Paragraph PictureParagraph(MainDocumentPart main, bool anchor) =>
        new(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(Picture(main, anchor)));

    /// <summary>A picture and, after a soft break, its caption in the same paragraph.</summary>
    private static Paragraph PictureWithText(MainDocumentPart main, string caption) =>
        new(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(Picture(main, false)), new Run(new Break()), TextRun(caption));

    private static uint _pictureId;

    /// <summary>
    /// A long article for the benchmark: <paramref name="paragraphs"/> paragraphs of about 150 characters (30 make five A4
    /// pages at 三号), a styled title, the JPEG <paramref name="photos"/> spread through the text with captions, a credit line.
    /// </summary>
    public static byte[] LongArticle(int paragraphs, IReadOnlyList<byte[]> photos) => Build((b, d) =>
    {
        b.Append(Para("城投集团全面推进年度重点工作取得阶段性成效", style: "Title"));
        string[] sentences = [P1, P2, P3, Q2, Q3, R2, R3, S2, S3, T2, T3];
        for (var i = 0; i < paragraphs; i++)
        {
            b.Append(Para(sentences[i % sentences.Length] + sentences[(i + 3) % sentences.Length], firstLineChars: true));
            var at = (i + 1) * photos.Count / paragraphs;
            if (at > i * photos.Count / paragraphs)
            {
                b.Append(new Paragraph(new Run(Picture(d, anchor: at % 2 == 0, photos[at - 1], ImagePartType.Jpeg))), Para($"图为第{at}个项目现场。", center: true));
            }
        }

        b.Append(Para("【供稿：城投集团 林小禾】"));
    });

    private static Drawing Picture(MainDocumentPart main, bool anchor, byte[]? content = null, PartTypeInfo? type = null)
    {
        var image = main.AddImagePart(type ?? ImagePartType.Png);
        var id = Interlocked.Increment(ref _pictureId);
        using (var s = new MemoryStream(content ?? TestImages.Png(160 + (int)(id % 7), 100)))
        {
            image.FeedData(s);
        }

        var rel = main.GetIdOfPart(image);
        const long cx = 3_600_000L, cy = 2_250_000L;
        var name = "Picture " + id;
        var graphic = new A.Graphic(new A.GraphicData(
            new PIC.Picture(
                new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = id, Name = name }, new PIC.NonVisualPictureDrawingProperties()),
                new PIC.BlipFill(new A.Blip { Embed = rel }, new A.Stretch(new A.FillRectangle())),
                new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
        { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" });
        if (!anchor)
        {
            return new Drawing(new DW.Inline(new DW.Extent { Cx = cx, Cy = cy }, new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
                new DW.DocProperties { Id = id, Name = name }, new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }), graphic));
        }

        return new Drawing(new DW.Anchor(
            new DW.SimplePosition { X = 0L, Y = 0L },
            new DW.HorizontalPosition(new DW.HorizontalAlignment("center")) { RelativeFrom = DW.HorizontalRelativePositionValues.Column },
            new DW.VerticalPosition(new DW.PositionOffset("0")) { RelativeFrom = DW.VerticalRelativePositionValues.Paragraph },
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.WrapTopBottom(),
            new DW.DocProperties { Id = id, Name = name },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            graphic)
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 114300U,
            DistanceFromRight = 114300U,
            SimplePos = false,
            RelativeHeight = 251658240U,
            BehindDoc = false,
            Locked = false,
            LayoutInCell = true,
            AllowOverlap = true,
        });
    }
}
