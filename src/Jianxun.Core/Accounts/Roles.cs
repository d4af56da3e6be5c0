namespace Jianxun.Core.Accounts;

/// <summary>The roles a user may hold; a user may hold several.</summary>
public static class Roles
{
    public const string Contributor = "Contributor";
    public const string UnitReviewer = "UnitReviewer";
    public const string Editor = "Editor";
    public const string Signer = "Signer";
    public const string Reader = "Reader";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Contributor, UnitReviewer, Editor, Signer, Reader, Admin];

    /// <summary>The Chinese name of a role as the UI prints it.</summary>
    public static string DisplayName(string role) => role switch
    {
        Contributor => "报送员",
        UnitReviewer => "单位审核",
        Editor => "编辑",
        Signer => "签发",
        Reader => "读者",
        Admin => "管理员",
        _ => role,
    };

    /// <summary>Accepts the English name (any case) or the Chinese name; null when unknown.</summary>
    public static string? Parse(string text)
    {
        var t = text.Trim();
        return All.FirstOrDefault(r => string.Equals(r, t, StringComparison.OrdinalIgnoreCase)
                                       || string.Equals(DisplayName(r), t, StringComparison.Ordinal));
    }
}
