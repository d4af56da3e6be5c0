namespace Jianxun.Publishing.Tests;

public sealed class FontCatalogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jianxun-fonts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_DefaultDirectory_FindsNotoFamiliesByNameTable()
    {
        var catalog = FontCatalog.Default;

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "fonts"), catalog.Directory);
        Assert.True(catalog.HasFamily("Noto Serif SC"));
        Assert.True(catalog.HasFamily("Noto Sans SC"));
        Assert.True(catalog.HasFamily("noto serif sc"), "family names match case-insensitively");
        Assert.Empty(catalog.Problems);
        catalog.Validate(TypesetSettings.Default);
    }

    [Fact]
    public void Validate_MissingFamily_ThrowsWithFamilyAndDirectory()
    {
        var settings = TypesetSettings.Default with { TitleFontFamily = "方正小标宋简体" };

        var ex = Assert.Throws<FontNotFoundException>(() => FontCatalog.Default.Validate(settings));

        Assert.Equal("方正小标宋简体", ex.FamilyName);
        Assert.Equal(FontCatalog.Default.Directory, ex.Directory);
        Assert.Contains("方正小标宋简体", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Noto Serif SC", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingDirectory_Throws()
    {
        var catalog = FontCatalog.Load(Path.Combine(_directory, "nowhere"));

        var ex = Assert.Throws<FontNotFoundException>(() => catalog.Validate(TypesetSettings.Default));

        Assert.Equal(catalog.Directory, ex.Directory);
        Assert.NotEmpty(catalog.Problems);
    }

    [Fact]
    public void Load_CffAndCollectionFiles_AreSkippedWithAReason()
    {
        File.WriteAllBytes(Path.Combine(_directory, "cff.otf"), [(byte)'O', (byte)'T', (byte)'T', (byte)'O', 0, 1, 0, 0, 0, 0, 0, 0]);
        File.WriteAllBytes(Path.Combine(_directory, "collection.ttf"), [(byte)'t', (byte)'t', (byte)'c', (byte)'f', 0, 1, 0, 0, 0, 0, 0, 0]);

        var catalog = FontCatalog.Load(_directory);

        Assert.Empty(catalog.Families);
        Assert.Contains(catalog.Problems, p => p.StartsWith("cff.otf", StringComparison.Ordinal) && p.Contains("CFF", StringComparison.Ordinal));
        Assert.Contains(catalog.Problems, p => p.StartsWith("collection.ttf", StringComparison.Ordinal) && p.Contains(".ttc", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MapFile_AddsOrganisationFamilyNames()
    {
        // An organisation maps its licensed family names to files; here the Noto fonts stand in for them.
        var fonts = FontCatalog.DefaultDirectory;
        File.WriteAllLines(Path.Combine(_directory, FontCatalog.MapFileName),
        [
            "# 机关公文字体",
            $"仿宋_GB2312 = {Path.Combine(fonts, "NotoSerifSC_400Regular.ttf")}",
            $"方正小标宋简体 = {Path.Combine(fonts, "NotoSerifSC_700Bold.ttf")}",
            $"黑体 = {Path.Combine(fonts, "NotoSansSC_400Regular.ttf")}",
            $"黑体:bold = {Path.Combine(fonts, "NotoSansSC_700Bold.ttf")}",
        ]);
        var catalog = FontCatalog.Load(_directory);
        var settings = new TypesetSettings
        {
            BodyFontFamily = "仿宋_GB2312",
            TitleFontFamily = "方正小标宋简体",
            MastheadFontFamily = "方正小标宋简体",
            HeadingFontFamily = "黑体",
        };

        catalog.Validate(settings);
        var pdf = new PdfIssueRenderer(catalog).Render(SampleIssues.Standard(articleCount: 1, photos: false, briefCount: 1), settings);

        var read = new PdfReadBack(pdf);
        Assert.Contains("国资简讯", read.PageText(read.Pages[0]), StringComparison.Ordinal);
        Assert.Empty(catalog.Problems);
    }
}
