using Jianxun.Core.Organisation;
using Microsoft.AspNetCore.Identity;

namespace Jianxun.Core.Accounts;

/// <summary>A person who logs in: an Identity user with a display name and a unit.</summary>
public sealed class AppUser : IdentityUser<int>
{
    public required string DisplayName { get; set; }
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

public sealed class AppRole : IdentityRole<int>
{
    public AppRole()
    {
    }

    public AppRole(string name) : base(name)
    {
    }
}
