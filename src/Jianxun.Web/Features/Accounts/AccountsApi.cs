using System.Security.Claims;
using Jianxun.Core.Accounts;
using Jianxun.Core.Auditing;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jianxun.Web.Features.Accounts;

public sealed record TokenRequest(string UserName, string Password);

public sealed record ResetPasswordRequest(string Password);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

internal static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts");
        auth.MapPost("/token", IssueToken).AllowAnonymous().WithName(nameof(IssueToken))
            .RequireRateLimiting(AuthenticationSetup.SignInRateLimit)
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK);

        var me = app.MapGroup("/api/me").WithTags("Accounts").RequireAuthorization();
        me.MapGet("", GetMe).WithName(nameof(GetMe));
        me.MapPost("/password", ChangePassword).WithName(nameof(ChangePassword));
        me.MapPost("/sign-out-everywhere", SignOutEverywhere).WithName(nameof(SignOutEverywhere));
        me.MapGet("/sessions", ListMySessions).WithName(nameof(ListMySessions));
        me.MapDelete("/sessions/{sid}", EndMySession).WithName(nameof(EndMySession));

        var users = app.MapGroup("/api/users").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        users.MapGet("/", ListUsers).WithName(nameof(ListUsers));
        users.MapGet("/{id:int}", GetUser).WithName(nameof(GetUser));
        users.MapPost("/", CreateUser).WithName(nameof(CreateUser));
        users.MapPut("/{id:int}", UpdateUser).WithName(nameof(UpdateUser));
        users.MapPost("/{id:int}/password", ResetPassword).WithName(nameof(ResetPassword));
        users.MapPost("/{id:int}/unlock", UnlockUser).WithName(nameof(UnlockUser));
        users.MapPost("/{id:int}/end-sessions", EndUserSessions).WithName(nameof(EndUserSessions));
        users.MapGet("/{id:int}/sessions", ListUserSessions).WithName(nameof(ListUserSessions));
        users.MapDelete("/{id:int}/sessions/{sid}", EndUserSession).WithName(nameof(EndUserSession));
        return app;
    }

    /// <summary>Exchanges a user name and password for a bearer token: <c>{"accessToken", "expiresIn", …}</c>.</summary>
    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> IssueToken(
        TokenRequest request, HttpContext http, SignInService signIn, CancellationToken ct)
    {
        var outcome = await signIn.CheckPasswordAsync(request.UserName, request.Password, AuthenticationSetup.ClientAddress(http), ct);
        return outcome is { Principal: { } principal, User: { } user }
            ? TypedResults.SignIn(await signIn.TokenPrincipalAsync(principal, user, http, ct), authenticationScheme: IdentityConstants.BearerScheme)
            : TypedResults.Problem(title: "登录失败", detail: outcome.Message, statusCode: StatusCodes.Status401Unauthorized);
    }

    internal static async Task<Ok<MeDto>> GetMe(HttpContext http, UserHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.GetMeAsync(http.User.ToActor(), ct));

    /// <summary>Changes the caller's own password; every cookie and token of theirs, the caller's included, stops working.</summary>
    internal static async Task<NoContent> ChangePassword(ChangePasswordRequest request, HttpContext http, UserHandlers handler, CancellationToken ct)
    {
        await handler.ChangePasswordAsync(http.User.ToActor(), request.CurrentPassword, request.NewPassword, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Ends every cookie and token of the caller, the one used for this request included.</summary>
    internal static async Task<NoContent> SignOutEverywhere(HttpContext http, UserHandlers handler, CancellationToken ct)
    {
        await handler.SignOutEverywhereAsync(http.User.ToActor(), ct);
        return TypedResults.NoContent();
    }

    /// <summary>The caller's open sessions (cookies and tokens, ADR-020); the one used for this request has <c>isCurrent</c>.</summary>
    internal static async Task<Ok<IReadOnlyList<SessionDto>>> ListMySessions(HttpContext http, UserSessions sessions, CancellationToken ct)
        => TypedResults.Ok(await sessions.ListMineAsync(http.User.ToActor(), http.User.FindFirstValue(JianxunClaims.SessionId), ct));

    /// <summary>Ends one of the caller's sessions; an unknown id and another user's answer alike (404).</summary>
    internal static async Task<NoContent> EndMySession(string sid, HttpContext http, UserSessions sessions, CancellationToken ct)
    {
        await sessions.EndMineAsync(http.User.ToActor(), sid, ct);
        return TypedResults.NoContent();
    }

    /// <summary>A user's open sessions, for administrators.</summary>
    internal static async Task<Ok<IReadOnlyList<SessionDto>>> ListUserSessions(int id, HttpContext http, UserSessions sessions, CancellationToken ct)
        => TypedResults.Ok(await sessions.ListForUserAsync(http.User.ToActor(), id, http.User.FindFirstValue(JianxunClaims.SessionId), ct));

    /// <summary>An administrator ends one session of a user; a session of another user answers 404.</summary>
    internal static async Task<NoContent> EndUserSession(int id, string sid, HttpContext http, UserSessions sessions, CancellationToken ct)
    {
        await sessions.EndForUserAsync(http.User.ToActor(), id, sid, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<UserDto>>> ListUsers(HttpContext http, UserHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.ListAsync(http.User.ToActor(), ct));

    internal static async Task<Ok<UserDto>> GetUser(int id, HttpContext http, UserHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.GetAsync(http.User.ToActor(), id, ct));

    internal static async Task<Created<UserDto>> CreateUser(CreateUserRequest request, HttpContext http, UserHandlers handler, CancellationToken ct)
    {
        var user = await handler.CreateAsync(http.User.ToActor(), request, ct);
        return TypedResults.Created($"/api/users/{user.Id}", user);
    }

    internal static async Task<Ok<UserDto>> UpdateUser(int id, UpdateUserRequest request, HttpContext http, UserHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.UpdateAsync(http.User.ToActor(), id, request, ct));

    internal static async Task<NoContent> ResetPassword(int id, ResetPasswordRequest request, HttpContext http, UserHandlers handler, CancellationToken ct)
    {
        await handler.ResetPasswordAsync(http.User.ToActor(), id, request.Password, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> UnlockUser(int id, HttpContext http, UserHandlers handler, CancellationToken ct)
    {
        await handler.UnlockAsync(http.User.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Ends every cookie and token of a user, who must sign in again.</summary>
    internal static async Task<NoContent> EndUserSessions(int id, HttpContext http, UserHandlers handler, CancellationToken ct)
    {
        await handler.EndSessionsAsync(http.User.ToActor(), id, ct);
        return TypedResults.NoContent();
    }
}
