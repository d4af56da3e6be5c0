using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Jianxun.Testing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Jianxun.Text.Tests.Families;

/// <summary>
/// Writes a bulletin the way a Word user does: direct formatting on every paragraph and run (no styles of Jianxun's),
/// Enter between headline lines, tables for the masthead and boxed headings, shading and borders for bars, Word's
/// numbering for briefs, a continuous section break into two columns.
/// </summary>
internal sealed class FamilyDocx(Family family, FamilyBulletin bulletin)
{
    private const string Red = "C00000";
    private readonly List<OpenXmlElement> _body = [];
    private MainDocumentPart _main = null!;
    private uint _pictureId;

    public byte[] Write()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            _main = doc.AddMainDocumentPart();
            var styles = _main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new DocDefaults(
                    new RunPropertiesDefault(new RunPropertiesBaseStyle(new FontSize { Val = "21" }, new Languages { EastAsia = "zh-CN" })),
                    new ParagraphPropertiesDefault()),
                new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
            AddNumbering();
            Build();
            var section = new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U });
            if (family.TwoColumns)
            {
                section.PrependChild(new SectionType { Val = SectionMarkValues.Continuous });
                section.Append(new Columns { ColumnCount = 2, Space = "425" });
            }

            _main.Document = new Document(new Body(_body.Append(section)));
            _main.Document.Save();
        }

        return stream.ToArray();
    }

    private void AddNumbering()
    {
        var part = _main.AddNewPart<NumberingDefinitionsPart>();
        var text = family.Numbering == BriefNumbering.AutoDot ? "%1." : "%1、";
        part.Numbering = new Numbering(
            new AbstractNum(
                new Level(
                    new StartNumberingValue { Val = 1 },
                    new NumberingFormat { Val = NumberFormatValues.Decimal },
                    new LevelText { Val = text },
                    new LevelJustification { Val = LevelJustificationValues.Left },
                    new PreviousParagraphProperties(new Indentation { FirstLineChars = 200, FirstLine = Twips(2 * family.BodyPt) }))
                { LevelIndex = 0 })
            { AbstractNumberId = 1 },
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
    }

    private static string Twips(double pt) => ((int)Math.Round(pt * 20)).ToString(CultureInfo.InvariantCulture);

    private Run TextRun(string text, double pt, bool bold = false, string? color = null, string? font = null)
    {
        var props = new RunProperties(new RunFonts { Ascii = font ?? family.BodyFont, HighAnsi = font ?? family.BodyFont, EastAsia = font ?? family.BodyFont });
        if (bold)
        {
            props.Append(new Bold());
        }

        if (color is not null)
        {
            props.Append(new Color { Val = color });
        }

        props.Append(new FontSize { Val = ((int)(pt * 2)).ToString(CultureInfo.InvariantCulture) });
        return new Run(props, new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private Paragraph Para(JustificationValues align, double? firstLineChars, params OpenXmlElement[] content)
    {
        var props = new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0", Line = "360", LineRule = LineSpacingRuleValues.Auto });
        if (firstLineChars is { } chars)
        {
            props.Append(new Indentation { FirstLineChars = (int)(chars * 100), FirstLine = Twips(chars * family.BodyPt) });
        }

        props.Append(new Justification { Val = align });
        var p = new Paragraph(props);
        foreach (var c in content)
        {
            p.Append(c);
        }

        return p;
    }

    private void Build()
    {
        Masthead();
        foreach (var section in bulletin.Sections)
        {
            Heading(section.Name);
            foreach (var article in section.Articles)
            {
                if (article.Number is { } n)
                {
                    Brief(article, n);
                }
                else
                {
                    Article(article);
                }
            }
        }

        Distribution();
    }

    private void Masthead()
    {
        var pt = family.BodyPt;
        if (family.MastheadInTable)
        {
            var table = new Table(
                new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, new TableBorders(
                    new BottomBorder { Val = BorderValues.Thick, Size = 18, Color = Red })),
                new TableGrid(new GridColumn { Width = "4400" }, new GridColumn { Width = "4400" }),
                new TableRow(Cell(Para(JustificationValues.Center, null, TextRun(bulletin.Masthead, 40, bold: true, color: Red, font: family.TitleFont)), span: 2)),
                new TableRow(Cell(Para(JustificationValues.Center, null, TextRun(bulletin.IssueLine(family.SpacedIssueLine), pt)), span: 2)),
                new TableRow(
                    Cell(Para(JustificationValues.Left, null, TextRun(bulletin.Issuer, pt))),
                    Cell(Para(JustificationValues.Right, null, TextRun(bulletin.DateText, pt)))));
            _body.Add(table);
            _body.Add(Para(JustificationValues.Left, null));
            return;
        }

        _body.Add(Para(JustificationValues.Left, null, TextRun("内部资料　注意保存", pt - 2)));
        _body.Add(Para(JustificationValues.Center, null, TextRun(bulletin.Masthead, 44, bold: true, color: Red, font: family.TitleFont)));
        _body.Add(Para(JustificationValues.Center, null, TextRun(bulletin.IssueLine(family.SpacedIssueLine), pt)));
        var issuer = Para(JustificationValues.Left, null, TextRun(bulletin.Issuer, pt), new Run(new TabChar()), TextRun(bulletin.DateText, pt));
        issuer.ParagraphProperties!.Append(new Tabs(new TabStop { Val = TabStopValues.Right, Position = 8844 }));
        issuer.ParagraphProperties.InsertAt(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 18, Color = Red, Space = 4U }), 0);
        _body.Add(issuer);
        if (family.TwoColumns)
        {
            // A continuous section break: the masthead spans the page, the rest runs in two columns.
            _body.Add(new Paragraph(new ParagraphProperties(new SectionProperties(
                new SectionType { Val = SectionMarkValues.Continuous },
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }))));
        }
    }

    private static TableCell Cell(Paragraph p, int span = 1)
    {
        var props = new TableCellProperties();
        if (span > 1)
        {
            props.Append(new GridSpan { Val = span });
        }

        return new TableCell(props, p);
    }

    private void Heading(string name)
    {
        var pt = family.BodyPt;
        switch (family.Heading)
        {
            case HeadingStyle.BracketLine:
                var line = Para(JustificationValues.Left, null, TextRun("【" + name + "】", pt + 1, bold: true, font: family.TitleFont));
                Spacing(line, 240, 120);
                _body.Add(line);
                break;
            case HeadingStyle.Bar:
                var bar = Para(JustificationValues.Left, null, TextRun(name, pt, bold: true, color: "FFFFFF", font: family.TitleFont));
                bar.ParagraphProperties!.InsertAt(new Shading { Val = ShadingPatternValues.Clear, Fill = Red, Color = "auto" }, 0);
                Spacing(bar, 240, 120);
                _body.Add(bar);
                break;
            case HeadingStyle.TableBox:
                _body.Add(new Table(
                    new TableProperties(
                        new TableWidth { Width = "1800", Type = TableWidthUnitValues.Dxa },
                        new TableBorders(
                            new TopBorder { Val = BorderValues.Single, Size = 12, Color = Red },
                            new LeftBorder { Val = BorderValues.Single, Size = 12, Color = Red },
                            new BottomBorder { Val = BorderValues.Single, Size = 12, Color = Red },
                            new RightBorder { Val = BorderValues.Single, Size = 12, Color = Red })),
                    new TableGrid(new GridColumn { Width = "1800" }),
                    new TableRow(Cell(Para(JustificationValues.Center, null, TextRun(name, pt, bold: true, color: Red, font: family.TitleFont))))));
                _body.Add(Para(JustificationValues.Left, null));
                break;
            default:
                var left = Para(JustificationValues.Left, null, TextRun(name, pt + 1, bold: true, font: family.TitleFont));
                left.ParagraphProperties!.InsertAt(new ParagraphBorders(new LeftBorder { Val = BorderValues.Single, Size = 36, Color = Red, Space = 6U }), 0);
                Spacing(left, 240, 120);
                _body.Add(left);
                break;
        }
    }

    private static void Spacing(Paragraph p, int before, int after)
    {
        var s = p.ParagraphProperties!.GetFirstChild<SpacingBetweenLines>()!;
        s.Before = before.ToString(CultureInfo.InvariantCulture);
        s.After = after.ToString(CultureInfo.InvariantCulture);
    }

    private void Article(FamilyArticle a)
    {
        var pt = family.BodyPt;
        if (a.EditorsNote is { } note)
        {
            _body.Add(Para(JustificationValues.Both, 2, TextRun(note[..4], pt, bold: true, font: family.TitleFont), TextRun(note[4..], pt)));
        }

        var align = family.CentredTitles ? JustificationValues.Center : JustificationValues.Left;
        var titlePt = family.CentredTitles ? pt + 4 : pt + 2;
        var main = a.TitleLines.Take(a.MainTitleLines).ToList();
        if (main.Count > 1 && a.Paragraphs[0].Length % 2 == 0)
        {
            // A manual line break inside one paragraph (Shift+Enter).
            var p = Para(align, null, TextRun(main[0], titlePt, bold: true, font: family.TitleFont), new Run(new Break()), TextRun(main[1], titlePt, bold: true, font: family.TitleFont));
            Spacing(p, 200, 0);
            _body.Add(p);
        }
        else
        {
            for (var i = 0; i < main.Count; i++)
            {
                var p = Para(align, null, TextRun(main[i], titlePt, bold: true, font: family.TitleFont));
                Spacing(p, i == 0 ? 200 : 0, 0);
                _body.Add(p);
            }
        }

        foreach (var sub in a.TitleLines.Skip(a.MainTitleLines))
        {
            _body.Add(Para(family.CentredTitles ? JustificationValues.Center : JustificationValues.Right, null, TextRun(sub, pt, font: "楷体")));
        }

        _body.Add(Para(JustificationValues.Left, null));
        for (var i = 0; i < a.Paragraphs.Count; i++)
        {
            var text = a.Paragraphs[i];
            var last = i == a.Paragraphs.Count - 1;
            var runs = new List<OpenXmlElement> { TextRun(text, pt) };
            if (last && a.Credit is not null && a.CreditStyle == CreditStyle.InlineParen)
            {
                runs.Add(TextRun(FamilyBulletin.CreditText(a), pt));
            }

            _body.Add(Para(JustificationValues.Both, 2, [.. runs]));
            if (a.PhotoAfter == i)
            {
                Photo(a.Caption!);
            }
        }

        if (a.Credit is not null && a.CreditStyle != CreditStyle.InlineParen)
        {
            _body.Add(Para(a.CreditStyle == CreditStyle.Bracketed ? JustificationValues.Left : JustificationValues.Right, null, TextRun(FamilyBulletin.CreditText(a), pt - 1)));
        }
    }

    private void Brief(FamilyArticle a, int n)
    {
        var pt = family.BodyPt;
        switch (family.Numbering)
        {
            case BriefNumbering.AutoDun:
            case BriefNumbering.AutoDot:
                var p = Para(JustificationValues.Both, null, TextRun(a.Paragraphs[0], pt));
                p.ParagraphProperties!.InsertAt(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 }), 0);
                _body.Add(p);
                break;
            case BriefNumbering.TypedDot:
                _body.Add(Para(JustificationValues.Both, 2, TextRun(n.ToString(CultureInfo.InvariantCulture) + ". " + a.Paragraphs[0], pt)));
                break;
            default:
                _body.Add(Para(JustificationValues.Both, 2, TextRun("（" + Chinese(n) + "）" + a.Paragraphs[0], pt)));
                break;
        }
    }

    public static string Chinese(int n) => n switch
    {
        <= 10 => "一二三四五六七八九十"[n - 1].ToString(),
        < 20 => "十" + "一二三四五六七八九"[n - 11],
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    private void Photo(string caption)
    {
        var png = TestImages.Png(64, 40);
        var part = _main.AddImagePart(ImagePartType.Png);
        using (var data = new MemoryStream(png, writable: false))
        {
            part.FeedData(data);
        }

        var id = ++_pictureId;
        const long Cx = 2743200, Cy = 1714500;
        var name = string.Create(CultureInfo.InvariantCulture, $"图片 {id}");
        var drawing = new Drawing(new DW.Inline(
            new DW.Extent { Cx = Cx, Cy = Cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = name },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = id, Name = name }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = _main.GetIdOfPart(part) }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = Cx, Cy = Cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });
        _body.Add(Para(JustificationValues.Center, null, new Run(drawing)));
        _body.Add(Para(JustificationValues.Center, null, TextRun(caption, family.BodyPt - 3, font: "楷体")));
    }

    private void Distribution()
    {
        var pt = family.BodyPt - 2;
        var first = true;
        foreach (var line in bulletin.Distribution)
        {
            var p = Para(JustificationValues.Left, null, TextRun(line, pt));
            if (first)
            {
                p.ParagraphProperties!.InsertAt(new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = 8, Color = "000000", Space = 4U }), 0);
                Spacing(p, 480, 0);
                first = false;
            }

            _body.Add(p);
        }
    }
}
