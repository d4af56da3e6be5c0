namespace Jianxun.Core.Common;

/// <summary>
/// Who is doing something: handlers receive the actor explicitly so that the same handler serves the
/// pages, the API and the CLI, and every check and audit entry names the person.
/// </summary>
public sealed record Actor(int? UserId, string UserName, int? UnitId, IReadOnlySet<string> Roles, string? DisplayName = null)
{
    /// <summary>The name people read (林小禾); the login name when no display name is known.</summary>
    public string Name => DisplayName ?? UserName;

    /// <summary>The command line and start-up tasks act as the system.</summary>
    public static Actor System { get; } = new(null, "system", null, new HashSet<string>(StringComparer.Ordinal) { Accounts.Roles.Admin });

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsAdmin => IsInRole(Accounts.Roles.Admin);

    public void RequireRole(params string[] roles)
    {
        if (!roles.Any(IsInRole))
        {
            throw new ForbiddenException("您没有执行此操作的权限。");
        }
    }
}
