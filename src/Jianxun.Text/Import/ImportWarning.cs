using System.Text.Json.Serialization;

namespace Jianxun.Text;

/// <summary>What kind of doubt an import has about a part of a bulletin (ADR-028).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportWarningKind>))]
public enum ImportWarningKind
{
    /// <summary>A titled column holds an article without a title.</summary>
    UntitledArticle,

    /// <summary>A column without a heading.</summary>
    UnnamedColumn,

    /// <summary>A column heading that is not one of the series' columns.</summary>
    UnknownColumn,

    /// <summary>A titled article without a 供稿 credit.</summary>
    CreditNotFound,

    /// <summary>A credited unit that is not in the unit registry.</summary>
    UnknownCreditUnit,

    /// <summary>A date in the text that is not a real day (2月30日).</summary>
    UnreadableDate,

    /// <summary>The masthead does not name the series exactly.</summary>
    MastheadMismatch,

    /// <summary>No series exists to import into.</summary>
    NoSeries,

    /// <summary>The year was not in the document (taken from the file name or the default).</summary>
    YearAssumed,

    /// <summary>No issue number anywhere.</summary>
    NoIssueNumber,

    /// <summary>Year, number, total number or date came from the file name, a manifest or the by-date numbering.</summary>
    NumberingFromElsewhere,

    /// <summary>No issue date in the document; inferred or missing.</summary>
    NoIssueDate,

    /// <summary>The same file was imported before.</summary>
    AlreadyImported,
}

/// <summary>
/// One doubt about an import, with where it is: the column and article (0-based indexes, as the preview lists them),
/// the column's name and the 1-based source line. The message is Chinese and says what to check or fill in.
/// </summary>
public sealed record ImportWarning(
    ImportWarningKind Kind,
    string Message,
    int? SectionIndex = null,
    int? ArticleIndex = null,
    string? Column = null,
    int? SourceLine = null);
