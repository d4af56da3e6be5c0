using System.Globalization;
using Jianxun.Core.Common;
using Jianxun.Core.Issues;
using Jianxun.Core.Organisation;
using Jianxun.Publishing;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianxun.Web.Features.Organisation.Pages;

[Authorize(Policy = Policies.Admin)]
public sealed class SeriesModel(SeriesHandlers handler, UnitHandlers units, PublishingFonts fonts) : PageModel, IRedisplayOnRefusal
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
        public int PageBudget { get; set; } = Series.DefaultPageBudget;
        public bool IsActive { get; set; } = true;

        /// <summary>Units whose readers may read new issues; none ticked: every unit.</summary>
        public List<int> ReaderUnitIds { get; set; } = [];

        // 版式: left blank, the GB/T 9704 default (shown as the placeholder) applies. Sizes as typed, so that a wrong one comes back.
        public string? MastheadFontFamily { get; set; }
        public string? HeadingFontFamily { get; set; }
        public string? TitleFontFamily { get; set; }
        public string? BodyFontFamily { get; set; }
        public string? MastheadFontSize { get; set; }
        public string? TitleFontSize { get; set; }
        public string? BodyFontSize { get; set; }
        public string? CreditFontSize { get; set; }
        public string? BodyLineHeight { get; set; }
        public string? MastheadColor { get; set; }
    }

    public IReadOnlyList<SeriesDto> All { get; private set; } = [];
    public IReadOnlyList<UnitDto> Units { get; private set; } = [];
    public IReadOnlyCollection<string> FontFamilies => fonts.Catalog.Families;
    public static TypesetSettings Defaults => TypesetSettings.Default;

    [BindProperty(SupportsGet = true)]
    public int? Edit { get; set; }

    [BindProperty]
    public SeriesForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
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
                PageBudget = s.PageBudget,
                IsActive = s.IsActive,
                ReaderUnitIds = [.. s.ReaderUnitIds],
                MastheadFontFamily = s.Typesetting.MastheadFontFamily,
                HeadingFontFamily = s.Typesetting.HeadingFontFamily,
                TitleFontFamily = s.Typesetting.TitleFontFamily,
                BodyFontFamily = s.Typesetting.BodyFontFamily,
                MastheadFontSize = Pt(s.Typesetting.MastheadFontSize),
                TitleFontSize = Pt(s.Typesetting.TitleFontSize),
                BodyFontSize = Pt(s.Typesetting.BodyFontSize),
                CreditFontSize = Pt(s.Typesetting.CreditFontSize),
                BodyLineHeight = Pt(s.Typesetting.BodyLineHeight),
                MastheadColor = s.Typesetting.MastheadColor,
            };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var briefs = Form.BriefsColumn?.Trim();
        var names = (Form.Columns ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!string.IsNullOrEmpty(briefs) && !names.Contains(briefs, StringComparer.Ordinal))
        {
            throw ValidationException.For("briefsColumn", $"编号简讯栏目“{briefs}”不在栏目列表中。");
        }
        var v = new Validator();
        var typesetting = new SeriesTypesetting(Form.MastheadFontFamily, Form.HeadingFontFamily, Form.TitleFontFamily, Form.BodyFontFamily,
            Size(v, Form.MastheadFontSize, "mastheadFontSize", "刊头字号"), Size(v, Form.TitleFontSize, "titleFontSize", "标题字号"),
            Size(v, Form.BodyFontSize, "bodyFontSize", "正文字号"), Size(v, Form.CreditFontSize, "creditFontSize", "供稿行字号"),
            Size(v, Form.BodyLineHeight, "bodyLineHeight", "正文行距"), Form.MastheadColor);
        v.ThrowIfInvalid();
        var request = new SaveSeriesRequest(Form.Name ?? "", Form.Issuer ?? "", Form.FirstTotalNumber,
            Form.DistributionBao, Form.DistributionSong, Form.DistributionFa, Form.DefaultCopies,
            [.. names.Select(n => new SaveColumnRequest(null, n, string.Equals(n, briefs, StringComparison.Ordinal)))], Form.IsActive,
            typesetting, Form.ReaderUnitIds, Form.PageBudget);
        var actor = User.ToActor();
        var saved = Edit is int id ? await handler.UpdateAsync(actor, id, request, ct) : await handler.CreateAsync(actor, request, ct);
        TempData["Message"] = $"已保存刊物“{saved.Name}”。";
        return Redirect("/admin/series");
    }

    /// <summary>The placeholder of a size field: the default in points.</summary>
    public static string Placeholder(double points) => points.ToString("0.##", CultureInfo.InvariantCulture);

    Task IRedisplayOnRefusal.ReloadAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        All = await handler.ListAsync(includeInactive: true, ct);
        Units = await units.ListAsync(includeInactive: false, ct);
    }

    private static string? Pt(double? points) => points?.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A typed size: blank is the default; anything else must be a number (the handler checks the range).</summary>
    private static double? Size(Validator v, string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }
        v.Add("typesetting." + field, $"{label}“{text.Trim()}”不是数字，请填写磅值，如 16 或 10.5。");
        return null;
    }
}
