using Jianxun.Core.Organisation;

namespace Jianxun.Web.Features.Accounts.Pages;

public sealed record UnitAndRoleChoices(IReadOnlyList<UnitDto> Units, int? UnitId, IReadOnlyCollection<string> Roles);
