using System.ComponentModel.DataAnnotations;
using System.Net;
using Jianxun.Core.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Jianxun.Web.Infrastructure;

/// <summary>The security settings of the web host, in the <c>Jianxun</c> section (README, "安全设置"; ADR-018).</summary>
internal sealed class SecurityOptions
{
    /// <summary>The site is reached over HTTPS only: cookies are always <c>Secure</c> and plain HTTP is redirected.</summary>
    public bool RequireHttps { get; set; }

    /// <summary>Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; none by default.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, as <c>10.1.0.0/16</c>) whose proxies are believed, as <see cref="KnownProxies"/>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How long a browser keeps to HTTPS after an HTTPS answer (Strict-Transport-Security); 0 sends none.</summary>
    [Range(0, 730)]
    public int HstsMaxAgeDays { get; set; } = 365;
}

/// <summary>Marks a page that the app frames itself (the issue preview on the compile page): it may be framed by the same origin, no other.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class FramedBySameOriginAttribute : Attribute;

/// <summary>
/// Security headers on every response, HSTS, forwarded headers from known proxies only, <c>Secure</c> cookies and the
/// allowed host names. One place: <see cref="AddJianxunSecurity"/> and <see cref="UseJianxunSecurity"/> (ADR-018).
/// </summary>
internal static class SecuritySetup
{
    /// <summary>
    /// The pages' policy: script only from the site's own files, no plugins, no foreign base, forms and frames to the site
    /// only. Style elements only from the site's files; style attributes stay allowed (the bars' widths, the series'
    /// typesetting as custom properties); browsers without CSP 3 read <c>style-src</c>, which allows both.
    /// </summary>
    private const string PageDirectives =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; style-src-elem 'self'; style-src-attr 'unsafe-inline'; " +
        "img-src 'self'; font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; ";

    internal const string PagePolicy = PageDirectives + "frame-ancestors 'none'";

    /// <summary>The issue preview, framed by the compile page: the pages' policy, framed by the site itself only.</summary>
    internal const string FramedPagePolicy = PageDirectives + "frame-ancestors 'self'";

    /// <summary>
    /// Everything that is not one of our pages (API answers, photos, issue HTML, uploaded sources, static files): a
    /// document opened from it runs no script and loads nothing but its own inlined photos and style attributes.
    /// </summary>
    internal const string FilePolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

    /// <summary>
    /// PDFs: a sandboxed document cannot show a plugin, so the browser's PDF viewer would refuse a sandboxed PDF
    /// (the score report opens in the browser). REVIEW: PDF script runs in the viewer's own sandbox, not in the page.
    /// </summary>
    internal const string PdfPolicy = "frame-ancestors 'none'";

    public static void AddJianxunSecurity(this WebApplicationBuilder builder)
    {
        CheckAllowedHosts(builder.Configuration["AllowedHosts"], builder.Environment);
        var settings = builder.Configuration.GetSection(JianxunOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(JianxunOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Outermost, ahead of the host filtering that ASP.NET Core puts first: even its 400 carries the headers.
        builder.Services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, SecurityHeadersStartupFilter>());

        var secure = settings.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        builder.Services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.Cookie.SecurePolicy = secure);
        builder.Services.Configure<AntiforgeryOptions>(o =>
        {
            o.Cookie.SecurePolicy = secure;
            // The middleware sends X-Frame-Options on every response; antiforgery's SAMEORIGIN would weaken DENY.
            o.SuppressXFrameOptionsHeader = true;
        });
        builder.Services.Configure<CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = secure);

        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(settings.HstsMaxAgeDays);
            // Intranet names share a domain with other, plain-HTTP sites: never pin those.
            o.IncludeSubDomains = false;
            o.Preload = false;
        });

        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named in the settings; the loopback defaults go too.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new OptionsValidationException(nameof(SecurityOptions.KnownProxies), typeof(SecurityOptions),
                        [$"Jianxun:KnownProxies: \"{proxy}\" is not an IP address."]));
            }
            foreach (var network in settings.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new OptionsValidationException(nameof(SecurityOptions.KnownNetworks), typeof(SecurityOptions),
                        [$"Jianxun:KnownNetworks: \"{network}\" is not a network in CIDR notation (10.1.0.0/16)."]));
            }
        });
    }

    public static void UseJianxunSecurity(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        // With no proxy named the middleware would believe everyone: it runs only when the settings name one.
        if (settings.KnownProxies.Length > 0 || settings.KnownNetworks.Length > 0)
        {
            app.UseForwardedHeaders();
        }
        if (!app.Environment.IsDevelopment() && settings.HstsMaxAgeDays > 0)
        {
            // Sent only on HTTPS answers (and never for localhost), so plain-HTTP installs are untouched.
            app.UseHsts();
        }
        if (settings.RequireHttps)
        {
            app.UseHttpsRedirection();
        }
    }

    /// <summary>
    /// Outside Development and the tests, "*" (or nothing) would let any Host header through, to be reflected in the
    /// absolute redirects (login) and links: refuse to start, as a missing font does, with the setting to fix.
    /// </summary>
    internal static void CheckAllowedHosts(string? allowedHosts, IHostEnvironment environment)
    {
        if (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        {
            return;
        }
        var hosts = (allowedHosts ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0 || hosts.Contains("*", StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                "AllowedHosts 不能为 \"*\"：请填写用户访问本系统所用的主机名或地址，以分号分隔（见 README“安全设置”）。 " +
                "AllowedHosts must not be \"*\" outside Development: list the host names users reach the site by, separated by ';'.");
        }
    }
}

/// <summary>Puts <see cref="SecurityHeadersMiddleware"/> ahead of every other middleware, the host filtering included.</summary>
internal sealed class SecurityHeadersStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        next(app);
    };
}

/// <summary>
/// Sets the security headers when the response starts, so that they hold on every response: pages, files, ProblemDetails,
/// the error pages (the exception handler clears headers set earlier) and short-circuits such as 304 and the host filter's 400.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    internal static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";

        var contentType = context.Response.ContentType ?? "";
        var page = !AuthenticationSetup.IsApi(context.Request)
            && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
            && !headers.ContainsKey("Content-Disposition");
        var framed = page && context.GetEndpoint()?.Metadata.GetMetadata<FramedBySameOriginAttribute>() is not null;
        headers.XFrameOptions = framed ? "SAMEORIGIN" : "DENY";
        headers.ContentSecurityPolicy = page
            ? framed ? SecuritySetup.FramedPagePolicy : SecuritySetup.PagePolicy
            : contentType.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase) ? SecuritySetup.PdfPolicy : SecuritySetup.FilePolicy;
    }
}
