using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Organisation.Pages;

[Authorize(Policy = Policies.Admin)]
public sealed class UnitsModel(UnitHandlers handler) : PageModel, IRedisplayOnRefusal
{
    public sealed class UnitForm
    {
        public string? Name { get; set; }
        public string? ShortName { get; set; }
        public string? Aliases { get; set; }
        public int? ParentId { get; set; }
        public string? PeerGroup { get; set; }
        public bool RequiresUnitReview { get; set; }
        public bool IsActive { get; set; } = true;
        public int SortOrder { get; set; }
    }

    public IReadOnlyList<UnitDto> Units { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int? Edit { get; set; }

    [BindProperty]
    public UnitForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Units = await handler.ListAsync(includeInactive: true, ct);
        if (Edit is int id)
        {
            var u = await handler.GetAsync(id, ct);
            Form = new UnitForm
            {
                Name = u.Name,
                ShortName = u.ShortName,
                Aliases = string.Join('\n', u.Aliases),
                ParentId = u.ParentId,
                PeerGroup = u.PeerGroup,
                RequiresUnitReview = u.RequiresUnitReview,
                IsActive = u.IsActive,
                SortOrder = u.SortOrder,
            };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new SaveUnitRequest(Form.Name ?? "", Form.ShortName ?? "",
            (Form.Aliases ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Form.ParentId, Form.PeerGroup, Form.RequiresUnitReview, Form.IsActive, Form.SortOrder);
        var actor = User.ToActor();
        var saved = Edit is int id ? await handler.UpdateAsync(actor, id, request, ct) : await handler.CreateAsync(actor, request, ct);
        TempData["Message"] = $"已保存单位“{saved.ShortName}”。";
        return Redirect("/admin/units");
    }

    async Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => Units = await handler.ListAsync(includeInactive: true, ct);
}
