using Jianxun.Core.Accounts;
using Jianxun.Core.Common;

namespace Jianxun.Core.Tests;

public sealed class RolesTests
{
    [Theory]
    [InlineData("editor", Roles.Editor)]
    [InlineData("EDITOR", Roles.Editor)]
    [InlineData("报送员", Roles.Contributor)]
    [InlineData("单位审核", Roles.UnitReviewer)]
    [InlineData(" 签发 ", Roles.Signer)]
    [InlineData("unknown", null)]
    [InlineData("", null)]
    public void Parse_EnglishOrChineseName_ReturnsRole(string text, string? expected)
        => Assert.Equal(expected, Roles.Parse(text));

    [Fact]
    public void DisplayName_EveryRole_IsChinese()
    {
        Assert.Equal(6, Roles.All.Count);
        Assert.All(Roles.All, r => Assert.NotEqual(r, Roles.DisplayName(r)));
    }

    [Fact]
    public void RequireRole_ActorWithoutRole_ThrowsForbidden()
    {
        var actor = new Actor(1, "c", 2, new HashSet<string> { Roles.Contributor });
        Assert.Throws<ForbiddenException>(() => actor.RequireRole(Roles.Admin, Roles.Editor));
        actor.RequireRole(Roles.Editor, Roles.Contributor);
    }

    [Fact]
    public void Validator_CollectsEveryFieldError_ThenThrowsOnce()
    {
        var v = new Validator()
            .Require("", "name", "名称", 10)
            .Require(new string('字', 11), "shortName", "简称", 10)
            .Optional(null, "note", "备注", 5)
            .Check(false, "name", "另一个问题。");

        var e = Assert.Throws<ValidationException>(v.ThrowIfInvalid);
        Assert.Equal(["请填写名称。", "另一个问题。"], e.Errors["name"]);
        Assert.Equal(["简称不能超过 10 个字。"], e.Errors["shortName"]);
        Assert.False(e.Errors.ContainsKey("note"));
    }
}
