namespace Jianxun.Core.Accounts;

/// <summary>How a session was opened: the login page's cookie or a program's bearer token.</summary>
public enum SessionKind
{
    Cookie,
    Token,
}

/// <summary>
/// One sign-in (ADR-020): its id travels in the cookie or token as claim <c>jx:sid</c>, and a request whose session is not
/// open is anonymous. Ended rows stay for <see cref="UserSessions.Retention"/> so the account page and the administrator
/// can see what was ended; the audit log keeps the history beyond.
/// </summary>
public sealed class UserSession
{
    /// <summary>32 random hex characters.</summary>
    public required string Id { get; set; }

    public int UserId { get; set; }
    public SessionKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Written at most once per <see cref="UserSessions.LastSeenResolution"/> per session.</summary>
    public DateTime LastSeenAt { get; set; }

    /// <summary>The browser's or program's User-Agent, control characters removed, at most <see cref="UserSessions.MaxUserAgentLength"/> characters.</summary>
    public string? UserAgent { get; set; }

    public string? ClientAddress { get; set; }
    public DateTime? EndedAt { get; set; }

    /// <summary>Who ended it; null when the session ended by itself (expiry) or the system ended it.</summary>
    public int? EndedBy { get; set; }

    /// <summary>One of <see cref="SessionEndReasons"/>.</summary>
    public string? EndReason { get; set; }
}

/// <summary>Why a session ended, as stored in <see cref="UserSession.EndReason"/>.</summary>
public static class SessionEndReasons
{
    public const string SignedOut = "signed-out";
    public const string EndedByUser = "ended-by-user";
    public const string EndedByAdmin = "ended-by-admin";
    public const string StampChanged = "stamp-changed";
    public const string Expired = "expired";
}
