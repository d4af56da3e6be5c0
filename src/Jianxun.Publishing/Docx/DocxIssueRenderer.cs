using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Jianxun.Publishing.Docx;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using WText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Jianxun.Publishing;

/// <summary>
/// Renders an issue to an editable DOCX with real paragraph styles (Masthead, ColumnHeading, ArticleTitle, Body,
/// Credit, Brief, Caption, Distribution), GB/T 9704 page set-up and — N — page numbers in odd/even footers. The same issue
/// gives the same bytes in every process, culture, zone and clock (<see cref="DocxDeterminism"/>, ADR-021).
/// </summary>
public sealed class DocxIssueRenderer
{
    public const string MastheadStyle = "Masthead";
    public const string IssueLineStyle = "IssueLine";
    public const string IssuerLineStyle = "IssuerLine";
    public const string EditorsNoteStyle = "EditorsNote";
    public const string ColumnHeadingStyle = "ColumnHeading";
    public const string ArticleTitleStyle = "ArticleTitle";
    public const string BodyStyle = "Body";
    public const string CreditStyle = "Credit";
    public const string BriefStyle = "Brief";
    public const string CaptionStyle = "Caption";
    public const string DistributionStyle = "Distribution";
    public const string CopiesStyle = "Copies";

    private const long EmuPerPoint = 12700;
    private const int TwipsPerPoint = 20;
    private const double TwipsPerMm = 1440 / 25.4;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An instance API, so hosts inject every renderer alike.")]
    public byte[] Render(IssueDocument issue, TypesetSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(issue);
        // Rows stored before the boundary refused control characters are written without them (OpenXml refuses 0x00).
        issue = UnsafeText.Clean(issue);
        settings ??= TypesetSettings.Default;
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            package.ChangeIdOfPart(main, "rIdDocument");
            new Writer(issue, settings, main).Write();
        }

        return DocxDeterminism.Repack(stream);
    }

    private sealed class Writer(IssueDocument issue, TypesetSettings settings, MainDocumentPart main)
    {
        private readonly Body _body = new();
        private uint _pictureId;
        private int _imageCount;

        private int TextWidthTwips => Twips(settings.TextWidthMm);

        public void Write()
        {
            main.Document = new Document(_body);
            AddStyles();
            AddSettings();
            var (oddFooter, evenFooter) = AddFooters();

            WriteMasthead();
            if (!string.IsNullOrWhiteSpace(issue.EditorsNote))
            {
                _body.Append(Para(EditorsNoteStyle, BoldRun(IssueText.EditorsNoteLabel), TextRun(issue.EditorsNote.Trim())));
            }

            foreach (var column in issue.Columns)
            {
                _body.Append(Para(ColumnHeadingStyle, TextRun(IssueText.ColumnHeading(column.Name))));
                var number = 0;
                foreach (var article in column.Articles)
                {
                    number++;
                    WriteArticle(article, column.IsBriefs ? number : null);
                }
            }

            WriteFoot();
            _body.Append(SectionProperties(oddFooter, evenFooter));
            main.Document.Save();
        }

        private void WriteMasthead()
        {
            _body.Append(Para(MastheadStyle, TextRun(issue.SeriesName.Trim())));
            _body.Append(Para(IssueLineStyle, TextRun(IssueText.IssueLine(issue))));
            _body.Append(Para(IssuerLineStyle, TextRun(issue.Issuer.Trim()), new Run(new TabChar()), TextRun(IssueText.DateLine(issue.Date))));
        }

        private void WriteArticle(IssueArticle article, int? briefNumber)
        {
            if (briefNumber is null && !string.IsNullOrWhiteSpace(article.Title))
            {
                _body.Append(Para(ArticleTitleStyle, TextRun(article.Title.Trim())));
            }

            var side = IssueText.PhotosAt(article, PhotoPlacement.Side);
            var full = IssueText.PhotosAt(article, PhotoPlacement.FullWidth);
            var paragraphs = article.Paragraphs.Count > 0 ? article.Paragraphs : [string.Empty];
            for (var i = 0; i < paragraphs.Count; i++)
            {
                foreach (var photo in side[i])
                {
                    WritePhoto(photo, side: true);
                }

                var runs = new List<OpenXmlElement>();
                if (i == 0 && briefNumber is { } n)
                {
                    runs.Add(TextRun(IssueText.BriefNumber(n)));
                    if (!string.IsNullOrWhiteSpace(article.Title))
                    {
                        runs.Add(BoldRun(IssueText.BriefTitle(article.Title)));
                    }
                }

                if (paragraphs[i].Trim().Length > 0)
                {
                    runs.Add(TextRun(paragraphs[i].Trim()));
                }

                if (runs.Count > 0)
                {
                    _body.Append(Para(briefNumber is null ? BodyStyle : BriefStyle, [.. runs]));
                }

                foreach (var photo in full[i])
                {
                    WritePhoto(photo, side: false);
                }
            }

            if (!string.IsNullOrWhiteSpace(article.CreditLine))
            {
                _body.Append(Para(CreditStyle, TextRun(article.CreditLine.Trim())));
            }
        }

        // REVIEW: side photos are inline, narrower and right-aligned, not floating with text wrapped around them:
        // a floating picture cannot carry its caption without a text box, and editors move pictures anyway.
        private void WritePhoto(IssuePhoto photo, bool side)
        {
            var info = ImageInfo.Read(photo.Data);
            var part = main.AddImagePart(info.IsPng ? ImagePartType.Png : ImagePartType.Jpeg, Id("rIdImage", ++_imageCount));
            using (var data = new MemoryStream(photo.Data, writable: false))
            {
                part.FeedData(data);
            }

            var widthPt = settings.TextWidthMm * 72 / 25.4 * (side ? Math.Clamp(settings.SidePhotoWidthRatio, 0.2, 0.6) : 1);
            var heightPt = widthPt * info.Height / info.Width;
            var maxHeightPt = settings.TextHeightMm * 72 / 25.4 * (side ? 0.4 : 0.5);
            if (heightPt > maxHeightPt)
            {
                widthPt *= maxHeightPt / heightPt;
                heightPt = maxHeightPt;
            }

            var picture = Picture(main.GetIdOfPart(part), (long)(widthPt * EmuPerPoint), (long)(heightPt * EmuPerPoint), photo.Caption ?? string.Empty);
            var paragraph = new Paragraph(
                new ParagraphProperties(
                    new KeepNext(),
                    new SpacingBetweenLines { Before = "120", After = "60", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    new Justification { Val = side ? JustificationValues.Right : JustificationValues.Center }),
                new Run(picture));
            _body.Append(paragraph);
            if (!string.IsNullOrWhiteSpace(photo.Caption))
            {
                var caption = Para(CaptionStyle, TextRun(photo.Caption.Trim()));
                if (side)
                {
                    caption.ParagraphProperties!.Append(new Justification { Val = JustificationValues.Right });
                }

                _body.Append(caption);
            }
        }

        private Drawing Picture(string relationshipId, long cx, long cy, string description)
        {
            var id = ++_pictureId;
            var name = string.Create(CultureInfo.InvariantCulture, $"Photo {id}");
            return new Drawing(
                new DW.Inline(
                    new DW.Extent { Cx = cx, Cy = cy },
                    new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
                    new DW.DocProperties { Id = id, Name = name, Description = description },
                    new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
                    new A.Graphic(
                        new A.GraphicData(
                            new PIC.Picture(
                                new PIC.NonVisualPictureProperties(
                                    new PIC.NonVisualDrawingProperties { Id = id, Name = name },
                                    new PIC.NonVisualPictureDrawingProperties()),
                                new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                                new PIC.ShapeProperties(
                                    new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
                        { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
                {
                    DistanceFromTop = 0U,
                    DistanceFromBottom = 0U,
                    DistanceFromLeft = 0U,
                    DistanceFromRight = 0U,
                });
        }

        // REVIEW: the 版记 follows the text rather than being pinned to the foot of the last page; Word has no
        // reliable "bottom of last page" without a frame, and a frame breaks easily when editors add text.
        private void WriteFoot()
        {
            if (!string.IsNullOrWhiteSpace(issue.Erratum))
            {
                _body.Append(Para(DistributionStyle, TextRun(issue.Erratum.Trim())));
            }

            var items = IssueText.DistributionLines(issue.Distribution).ToList();
            var hasCopies = issue.Copies is > 0;
            for (var i = 0; i < items.Count; i++)
            {
                var paragraph = Para(DistributionStyle, TextRun(items[i].Label), TextRun(items[i].Text));
                var borders = new ParagraphBorders();
                if (i == 0)
                {
                    borders.Append(new TopBorder { Val = BorderValues.Single, Size = 8, Space = 1, Color = "000000" });
                }

                borders.Append(new BottomBorder { Val = BorderValues.Single, Size = (i == items.Count - 1 && !hasCopies) ? 8U : 4U, Space = 1, Color = "000000" });
                InsertBorders(paragraph, borders);
                _body.Append(paragraph);
            }

            if (hasCopies)
            {
                var paragraph = Para(CopiesStyle, TextRun(IssueText.CopiesLine(issue.Copies!.Value)));
                InsertBorders(paragraph, new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 8, Space = 1, Color = "000000" }));
                _body.Append(paragraph);
            }
        }

        private static void InsertBorders(Paragraph paragraph, ParagraphBorders borders) =>
            paragraph.ParagraphProperties!.InsertAfter(borders, paragraph.ParagraphProperties.ParagraphStyleId);

        private SectionProperties SectionProperties(string oddFooter, string evenFooter)
        {
            var left = Twips(settings.LeftMarginMm);
            var right = Twips(settings.PageWidthMm - settings.LeftMarginMm - settings.TextWidthMm);
            var top = Twips(settings.TopMarginMm);
            var bottom = Twips(settings.PageHeightMm - settings.TopMarginMm - settings.TextHeightMm);
            return new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooter },
                new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooter },
                new PageSize { Width = (uint)Twips(settings.PageWidthMm), Height = (uint)Twips(settings.PageHeightMm) },
                new PageMargin
                {
                    Top = top,
                    Bottom = bottom,
                    Left = (uint)left,
                    Right = (uint)right,
                    Header = (uint)Twips(15),
                    Footer = (uint)Math.Max(0, bottom - Twips(7) - (int)(settings.PageNumberFontSize * TwipsPerPoint * 1.2)),
                    Gutter = 0U,
                },
                new DocGrid { Type = DocGridValues.Lines, LinePitch = (int)(settings.BodyLineHeight * TwipsPerPoint) });
        }

        private (string Odd, string Even) AddFooters()
        {
            string Add(JustificationValues side, string id)
            {
                var part = main.AddNewPart<FooterPart>(id);
                var indent = (int)(settings.PageNumberFontSize * TwipsPerPoint);
                part.Footer = new Footer(
                    new Paragraph(
                        new ParagraphProperties(
                            new Indentation { Left = side == JustificationValues.Left ? Str(indent) : "0", Right = side == JustificationValues.Right ? Str(indent) : "0" },
                            new Justification { Val = side }),
                        FooterRun("— "),
                        new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
                        new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
                        new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
                        FooterRun("1"),
                        new Run(new FieldChar { FieldCharType = FieldCharValues.End }),
                        FooterRun(" —")));
                part.Footer.Save();
                return main.GetIdOfPart(part);
            }

            return (Add(JustificationValues.Right, "rIdFooterOdd"), Add(JustificationValues.Left, "rIdFooterEven"));
        }

        private Run FooterRun(string text) =>
            new(
                new RunProperties(Fonts(settings.BodyFontFamily), new FontSize { Val = HalfPoints(settings.PageNumberFontSize) }),
                new WText(text) { Space = SpaceProcessingModeValues.Preserve });

        private void AddSettings()
        {
            var part = main.AddNewPart<DocumentSettingsPart>("rIdSettings");
            part.Settings = new Settings(new EvenAndOddHeaders());
            part.Settings.Save();
        }

        private void AddStyles()
        {
            var part = main.AddNewPart<StyleDefinitionsPart>("rIdStyles");
            var s = settings;
            var red = s.MastheadColor.TrimStart('#').ToUpperInvariant();
            var body = Str((int)(s.BodyLineHeight * TwipsPerPoint));
            var indent = Str((int)(2 * s.BodyFontSize * TwipsPerPoint));
            var styles = new Styles(
                new DocDefaults(
                    new RunPropertiesDefault(new RunPropertiesBaseStyle(
                        Fonts(s.BodyFontFamily),
                        new FontSize { Val = HalfPoints(s.BodyFontSize) },
                        new FontSizeComplexScript { Val = HalfPoints(s.BodyFontSize) },
                        new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                    new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                        new SpacingBetweenLines { Before = "0", After = "0", Line = body, LineRule = LineSpacingRuleValues.Exact }))),
                ParagraphStyle("Normal", "Normal", null, new StyleParagraphProperties(), new StyleRunProperties(), isDefault: true),
                ParagraphStyle(MastheadStyle, "Masthead", "Normal",
                    new StyleParagraphProperties(
                        new SpacingBetweenLines { Before = "0", After = "120", Line = Str((int)(s.MastheadFontSize * 1.3 * TwipsPerPoint)), LineRule = LineSpacingRuleValues.Exact },
                        new Justification { Val = JustificationValues.Center }),
                    new StyleRunProperties(
                        Fonts(s.MastheadFontFamily), new Bold(), new Color { Val = red },
                        new Spacing { Val = (int)(s.MastheadLetterSpacing * s.MastheadFontSize * TwipsPerPoint) },
                        new FontSize { Val = HalfPoints(s.MastheadFontSize) })),
                ParagraphStyle(IssueLineStyle, "Issue Line", "Normal",
                    new StyleParagraphProperties(new Justification { Val = JustificationValues.Center }),
                    new StyleRunProperties(new FontSize { Val = HalfPoints(s.IssueLineFontSize) })),
                ParagraphStyle(IssuerLineStyle, "Issuer Line", "Normal",
                    new StyleParagraphProperties(
                        new ParagraphBorders(new BottomBorder { Val = BorderValues.ThickThinSmallGap, Size = 24, Space = 4, Color = red }),
                        new Tabs(new TabStop { Val = TabStopValues.Right, Position = TextWidthTwips - Twips(0) - (int)(s.IssueLineFontSize * TwipsPerPoint) }),
                        new SpacingBetweenLines { After = Str((int)(s.BodyLineHeight * 0.6 * TwipsPerPoint)) },
                        new Indentation { Left = Str((int)(s.IssueLineFontSize * TwipsPerPoint)) }),
                    new StyleRunProperties(new FontSize { Val = HalfPoints(s.IssueLineFontSize) })),
                ParagraphStyle(EditorsNoteStyle, "Editors Note", "Normal",
                    new StyleParagraphProperties(new Indentation { FirstLine = indent, FirstLineChars = 200 }, new Justification { Val = JustificationValues.Both }),
                    new StyleRunProperties()),
                ParagraphStyle(ColumnHeadingStyle, "Column Heading", "Normal",
                    new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = Str((int)(s.BodyLineHeight * 0.4 * TwipsPerPoint)) }, new OutlineLevel { Val = 0 }),
                    new StyleRunProperties(Fonts(s.HeadingFontFamily), new Bold(), new FontSize { Val = HalfPoints(s.HeadingFontSize) })),
                ParagraphStyle(ArticleTitleStyle, "Article Title", "Normal",
                    new StyleParagraphProperties(
                        new KeepNext(),
                        new SpacingBetweenLines { Before = Str((int)(s.BodyLineHeight * 0.3 * TwipsPerPoint)), After = "120", Line = Str((int)(s.TitleFontSize * 1.5 * TwipsPerPoint)), LineRule = LineSpacingRuleValues.Exact },
                        new Indentation { Left = Str((int)(2 * s.TitleFontSize * TwipsPerPoint)), Right = Str((int)(2 * s.TitleFontSize * TwipsPerPoint)) },
                        new Justification { Val = JustificationValues.Center },
                        new OutlineLevel { Val = 1 }),
                    new StyleRunProperties(Fonts(s.TitleFontFamily), new Bold(), new FontSize { Val = HalfPoints(s.TitleFontSize) })),
                ParagraphStyle(BodyStyle, "Body", "Normal",
                    new StyleParagraphProperties(new Indentation { FirstLine = indent, FirstLineChars = 200 }, new Justification { Val = JustificationValues.Both }),
                    new StyleRunProperties()),
                ParagraphStyle(BriefStyle, "Brief", BodyStyle, new StyleParagraphProperties(), new StyleRunProperties()),
                ParagraphStyle(CreditStyle, "Credit", "Normal",
                    new StyleParagraphProperties(new Justification { Val = JustificationValues.Right }),
                    new StyleRunProperties(new FontSize { Val = HalfPoints(s.CreditFontSize) })),
                ParagraphStyle(CaptionStyle, "Photo Caption", "Normal",
                    new StyleParagraphProperties(new SpacingBetweenLines { After = "120", Line = Str((int)(s.CaptionFontSize * 1.5 * TwipsPerPoint)), LineRule = LineSpacingRuleValues.Exact }, new Justification { Val = JustificationValues.Center }),
                    new StyleRunProperties(new FontSize { Val = HalfPoints(s.CaptionFontSize) })),
                ParagraphStyle(DistributionStyle, "Distribution", "Normal",
                    new StyleParagraphProperties(
                        new SpacingBetweenLines { Line = Str((int)(s.DistributionFontSize * 1.9 * TwipsPerPoint)), LineRule = LineSpacingRuleValues.Exact },
                        new Indentation { Left = Str((int)(s.DistributionFontSize * TwipsPerPoint)), Right = Str((int)(s.DistributionFontSize * TwipsPerPoint)) }),
                    new StyleRunProperties(new FontSize { Val = HalfPoints(s.DistributionFontSize) })),
                ParagraphStyle(CopiesStyle, "Copies", DistributionStyle,
                    new StyleParagraphProperties(new Justification { Val = JustificationValues.Right }),
                    new StyleRunProperties()));
            part.Styles = styles;
            part.Styles.Save();
        }

        private static Style ParagraphStyle(string id, string name, string? basedOn, StyleParagraphProperties paragraph, StyleRunProperties run, bool isDefault = false)
        {
            var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
            style.Append(new StyleName { Val = name });
            if (basedOn is not null)
            {
                style.Append(new BasedOn { Val = basedOn });
            }

            style.Append(new PrimaryStyle());
            style.Append(paragraph);
            style.Append(run);
            return style;
        }

        private static Paragraph Para(string style, params OpenXmlElement[] runs)
        {
            var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = style }));
            paragraph.Append(runs);
            return paragraph;
        }

        private static Run TextRun(string text) => new(new WText(text) { Space = SpaceProcessingModeValues.Preserve });

        private static Run BoldRun(string text) =>
            new(new RunProperties(new Bold(), new BoldComplexScript()), new WText(text) { Space = SpaceProcessingModeValues.Preserve });

        private static RunFonts Fonts(string family) =>
            new() { Ascii = family, HighAnsi = family, EastAsia = family, ComplexScript = family, Hint = FontTypeHintValues.EastAsia };

        private static string HalfPoints(double points) => Str((int)Math.Round(points * 2));

        private static int Twips(double mm) => (int)Math.Round(mm * TwipsPerMm);

        private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A relationship id of our own: OpenXml's are random (ADR-021).</summary>
        private static string Id(string prefix, int number) => prefix + Str(number);
    }
}
