using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Jianxun.Testing;
using Jianxun.Text.Tests.Import;

namespace Jianxun.Text.Tests.Articles;

/// <summary>Issue 22 point 6: every bad document is refused with a Chinese message naming the problem; the converter never hangs.</summary>
public sealed class ArticleBadFileTests
{
    private static readonly DateOnly Today = ArticleFixtures.Today;

    public static TheoryData<string, string> Hostile => new()
    {
        { "deep", "嵌套" },
        { "xml-bomb", "解压后过大" },
        { "many-entries", "部件过多" },
        { "truncated", "已损坏" },
        { "macro-part", "宏" },
        { "macro-content-type", "宏" },
        { "encrypted", "密码" },
        { "oversized", "30 MB" },
        { "pdf", "不支持" },
        { "empty", "为空" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task ReadAsync_HostileDocument_RefusedNamingTheProblem(string kind, string named)
    {
        var (name, bytes) = Make(kind);
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<BulletinImportException>(() => ArticleDocumentReader.ReadAsync(name, bytes, null, Today, CancellationToken.None));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{kind} took {clock.Elapsed}");
    }

    [Fact]
    public async Task ReadAsync_ConverterConfiguredMissing_LegacyRefusedDocxStillRead()
    {
        using var converter = new LegacyDocumentConverter("/nonexistent/libreoffice/soffice");
        Assert.False(converter.IsAvailable);
        var doc = Ole2("WordDocument");

        var e = await Assert.ThrowsAsync<BulletinImportException>(() => ArticleDocumentReader.ReadAsync("旧稿.doc", doc, converter, Today, CancellationToken.None));
        var rtf = await Assert.ThrowsAsync<BulletinImportException>(() => ArticleDocumentReader.ReadAsync("稿.rtf", "{\\rtf1 x}"u8.ToArray(), converter, Today, CancellationToken.None));
        var (truth, docx) = ArticleFixtures.Documents()[0];
        var draft = await ArticleDocumentReader.ReadAsync("稿.docx", docx, converter, Today, CancellationToken.None);

        Assert.Contains("未安装文档转换程序", e.Message, StringComparison.Ordinal);
        Assert.Contains(".docx", e.Message, StringComparison.Ordinal);
        Assert.Equal(e.Message, rtf.Message);
        Assert.Equal(truth.Title, draft.Title);
    }

    /// <summary>A stand-in "soffice" that never finishes (a shell script that sleeps): the conversion is killed at its limit.</summary>
    [Fact]
    public async Task ConvertToDocxAsync_FakeConverterThatHangs_KilledAtTheTimeLimit()
    {
        using var dir = new TempDirectory();
        var script = Path.Combine(dir.Path, "soffice");
        await File.WriteAllTextAsync(script, "#!/bin/sh\nsleep 120\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var converter = new LegacyDocumentConverter(script, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<BulletinImportException>(() => converter.ConvertToDocxAsync(Ole2("WordDocument"), ".doc", CancellationToken.None));

        Assert.Contains("转换超时", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [SofficeFact]
    public async Task ReadAsync_CorruptDocThroughLibreOffice_RefusedNotHung()
    {
        using var converter = new LegacyDocumentConverter(null);
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<BulletinImportException>(() =>
            ArticleDocumentReader.ReadAsync("坏.doc", Ole2("WordDocument", 64 * 1024), converter, Today, CancellationToken.None));

        Assert.Contains("无法转换", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < UserFileLimits.ConversionTimeLimit + TimeSpan.FromSeconds(5));
    }

    [SofficeFact]
    public async Task ConvertToDocxAsync_TwoAtOnce_RunOneAfterTheOther()
    {
        using var converter = new LegacyDocumentConverter(null);
        var rtf = Encoding.ASCII.GetBytes("{\\rtf1\\ansi\\ansicpg936 {\\fonttbl{\\f0 SimSun;}}\\f0 \\u26631?\\u39064?\\par \\u27491?\\u25991?\\u12290?\\par}");

        var both = await Task.WhenAll(converter.ConvertToDocxAsync(rtf, ".rtf", CancellationToken.None), converter.ConvertToDocxAsync(rtf, ".rtf", CancellationToken.None));

        Assert.All(both, d => Assert.Equal((byte)'P', d[0]));
        var draft = ArticleDocumentReader.ReadDocx(both[0], Today);
        Assert.Equal("标题", draft.Title);
        Assert.Equal(["正文。"], draft.Paragraphs);
    }

    private static (string Name, byte[] Bytes) Make(string kind) => kind switch
    {
        "deep" => ("a.docx", HostileFiles.DeepDocx()),
        "xml-bomb" => ("a.docx", HostileFiles.XmlBombDocx()),
        "many-entries" => ("a.docx", HostileFiles.ManyEntriesDocx()),
        "truncated" => ("a.docx", HostileFiles.Truncate(ArticleFixtures.Documents()[0].Docx)),
        "macro-part" => ("a.docm", WithEntry(ArticleFixtures.Documents()[0].Docx, "word/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0])),
        "macro-content-type" => ("a.docx", MacroEnabled(ArticleFixtures.Documents()[0].Docx)),
        "encrypted" => ("a.docx", Ole2("EncryptedPackage")),
        "oversized" => ("a.docx", new byte[(int)UserFileLimits.MaxArticleDocumentBytes + 1]),
        "pdf" => ("a.pdf", "%PDF-1.7\n"u8.ToArray()),
        _ => ("a.docx", []),
    };

    /// <summary>The bytes of a compound file that names <paramref name="stream"/> (what the format check looks at), padded with noise.</summary>
    private static byte[] Ole2(string stream, int size = 4096)
    {
        var bytes = new byte[size];
        new Random(22).NextBytes(bytes);
        byte[] signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        signature.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes(stream).CopyTo(bytes, 1024);
        return bytes;
    }

    /// <summary>The same package declared as a macro-enabled document (what Word writes for .docm).</summary>
    private static byte[] MacroEnabled(byte[] docx)
    {
        using var buffer = new MemoryStream();
        buffer.Write(docx);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("[Content_Types].xml")!;
            string types;
            using (var reader = new StreamReader(entry.Open()))
            {
                types = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
            writer.Write(types.Replace("officedocument.wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml", StringComparison.Ordinal));
        }

        return buffer.ToArray();
    }

    private static byte[] WithEntry(byte[] docx, string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        buffer.Write(docx);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var s = zip.CreateEntry(name).Open();
            s.Write(content);
        }

        return buffer.ToArray();
    }
}
