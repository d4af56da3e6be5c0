namespace Jianxun.Text;

/// <summary>Why a file could not be imported as a bulletin.</summary>
public enum BulletinImportError
{
    /// <summary>The file has no bytes, or no text at all.</summary>
    Empty,

    /// <summary>Larger than <see cref="BulletinParseOptions.MaxFileBytes"/> or <see cref="BulletinParseOptions.MaxPages"/>.</summary>
    TooLarge,

    /// <summary>Looks like a PDF or DOCX but cannot be read.</summary>
    Corrupt,

    /// <summary>Password-protected.</summary>
    Encrypted,

    /// <summary>A PDF whose pages carry no extractable text (a scan, or fonts without a Unicode map).</summary>
    NoTextLayer,

    /// <summary>Readable, but not a bulletin (or not text at all).</summary>
    NotABulletin,

    /// <summary>A format we do not read (legacy .doc, spreadsheets, archives).</summary>
    UnsupportedFormat,
}

/// <summary>A file that cannot be imported; <see cref="Exception.Message"/> is Chinese and fit for the user.</summary>
public sealed class BulletinImportException : Exception
{
    public BulletinImportException()
        : this(BulletinImportError.Corrupt, "文件无法导入。")
    {
    }

    public BulletinImportException(string message)
        : this(BulletinImportError.Corrupt, message)
    {
    }

    public BulletinImportException(string message, Exception innerException)
        : this(BulletinImportError.Corrupt, message, innerException)
    {
    }

    public BulletinImportException(BulletinImportError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    public BulletinImportError Error { get; }
}
