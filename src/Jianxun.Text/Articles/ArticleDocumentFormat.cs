using System.Text;

namespace Jianxun.Text;

/// <summary>What a contributor's file is, judged by its bytes first and its name second.</summary>
public enum ArticleDocumentKind
{
    /// <summary>A Word 2007+ package (.docx), read directly.</summary>
    Docx,

    /// <summary>A text file (.txt), read directly.</summary>
    Text,

    /// <summary>.doc, .wps, .rtf or .odt: converted to DOCX by LibreOffice first.</summary>
    Legacy,

    /// <summary>A password-protected Office document.</summary>
    Encrypted,

    /// <summary>Anything else (PDF, spreadsheets, images, archives).</summary>
    Unsupported,
}

/// <summary>Tells the kinds of document apart and words the refusals.</summary>
public static class ArticleDocumentFormat
{
    /// <summary>The names the upload accepts (the page's <c>accept</c> attribute says the same).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".docx", ".doc", ".wps", ".rtf", ".odt", ".txt"];

    private static readonly byte[] Ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static ArticleDocumentKind Detect(string? fileName, ReadOnlySpan<byte> content)
    {
        var ext = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        if (content.StartsWith(Ole2))
        {
            // Word 2007+ with a password is an OLE2 file holding an "EncryptedPackage" stream (MS-OFFCRYPTO).
            return content.IndexOf(Encoding.Unicode.GetBytes("EncryptedPackage")) >= 0 ? ArticleDocumentKind.Encrypted
                : ext is ".doc" or ".wps" or ".dot" or ".wpt" or "" ? ArticleDocumentKind.Legacy : ArticleDocumentKind.Unsupported;
        }

        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            return ext switch
            {
                ".odt" => ArticleDocumentKind.Legacy,
                ".docx" or ".docm" or ".wps" or ".doc" or "" => ArticleDocumentKind.Docx,
                _ => ArticleDocumentKind.Unsupported,
            };
        }

        if (content.StartsWith("{\\rtf"u8))
        {
            return ArticleDocumentKind.Legacy;
        }

        if (ext == ".txt" && LooksLikeText(content))
        {
            return ArticleDocumentKind.Text;
        }

        return ArticleDocumentKind.Unsupported;
    }

    /// <summary>The refusal for a kind that cannot be read at all.</summary>
    public static BulletinImportException Refusal(ArticleDocumentKind kind) => kind switch
    {
        ArticleDocumentKind.Encrypted => new BulletinImportException(BulletinImportError.Encrypted,
            "文档设有打开密码，无法读取。请在 Word/WPS 中取消密码（文件 → 信息 → 保护文档）后再上传。"),
        ArticleDocumentKind.Legacy => new BulletinImportException(BulletinImportError.UnsupportedFormat,
            "本服务器未安装文档转换程序（LibreOffice），不能读取 .doc/.wps/.rtf/.odt 文件。请在 Word/WPS 中另存为 .docx 后上传，或请管理员安装 LibreOffice。"),
        ArticleDocumentKind.Docx or ArticleDocumentKind.Text or ArticleDocumentKind.Unsupported => new BulletinImportException(BulletinImportError.UnsupportedFormat,
            $"不支持这种文件。请上传 Word 或 WPS 文档（{string.Join("、", Extensions)}）。"),
    };

    private static bool LooksLikeText(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return true;
        }

        return content[..Math.Min(content.Length, 8192)].IndexOf((byte)0) < 0;
    }
}
