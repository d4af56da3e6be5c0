using Jianxun.Core.Common;
using Jianxun.Core.Organisation;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Organisation.Pages;

[Authorize(Policy = Policies.Admin)]
public sealed class SeriesModel(SeriesHandlers handler) : PageModel
{
    public sealed class SeriesForm
    {
        public string? Name { get; set; }
        public string? Issuer { get; set; }
        public int FirstTotalNumber { get; set; } = 1;
        public string? Columns { get; set; }
        public string? BriefsColumn { get; set; }
        public string? DistributionBao { get; set; }
        public string? DistributionSong { get; set; }
        public string? DistributionFa { get; set; }
        public int DefaultCopies { get; set; }
        public bool IsActive { get; set; } = true;
    }

    public IReadOnlyList<SeriesDto> All { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int? Edit { get; set; }

    [BindProperty]
    public SeriesForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        All = await handler.ListAsync(includeInactive: true, ct);
        if (Edit is int id)
        {
            var s = await handler.GetAsync(id, ct);
            Form = new SeriesForm
            {
                Name = s.Name,
                Issuer = s.Issuer,
                FirstTotalNumber = s.FirstTotalNumber,
                Columns = string.Join('\n', s.Columns.Select(c => c.Name)),
                BriefsColumn = s.Columns.FirstOrDefault(c => c.IsBriefs)?.Name,
                DistributionBao = s.DistributionBao,
                DistributionSong = s.DistributionSong,
                DistributionFa = s.DistributionFa,
                DefaultCopies = s.DefaultCopies,
                IsActive = s.IsActive,
            };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var briefs = Form.BriefsColumn?.Trim();
        var names = (Form.Columns ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            if (!string.IsNullOrEmpty(briefs) && !names.Contains(briefs, StringComparer.Ordinal))
            {
                throw ValidationException.For("briefsColumn", $"编号简讯栏目“{briefs}”不在栏目列表中。");
            }
            var request = new SaveSeriesRequest(Form.Name ?? "", Form.Issuer ?? "", Form.FirstTotalNumber,
                Form.DistributionBao, Form.DistributionSong, Form.DistributionFa, Form.DefaultCopies,
                [.. names.Select(n => new SaveColumnRequest(null, n, string.Equals(n, briefs, StringComparison.Ordinal)))], Form.IsActive);
            var actor = User.ToActor();
            var saved = Edit is int id ? await handler.UpdateAsync(actor, id, request, ct) : await handler.CreateAsync(actor, request, ct);
            TempData["Message"] = $"已保存刊物“{saved.Name}”。";
            return Redirect("/admin/series");
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
            All = await handler.ListAsync(includeInactive: true, ct);
            return Page();
        }
    }
}
