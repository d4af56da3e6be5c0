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

        var users = app.MapGroup("/api/users").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        users.MapGet("/", ListUsers).WithName(nameof(ListUsers));
        users.MapGet("/{id:int}", GetUser).WithName(nameof(GetUser));
        users.MapPost("/", CreateUser).WithName(nameof(CreateUser));
        users.MapPut("/{id:int}", UpdateUser).WithName(nameof(UpdateUser));
        users.MapPost("/{id:int}/password", ResetPassword).WithName(nameof(ResetPassword));
        users.MapPost("/{id:int}/unlock", UnlockUser).WithName(nameof(UnlockUser));
        users.MapPost("/{id:int}/end-sessions", EndUserSessions).WithName(nameof(EndUserSessions));
        return app;
    }

    /// <summary>Exchanges a user name and password for a bearer token: <c>{"accessToken", "expiresIn", …}</c>.</summary>
    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> IssueToken(
        TokenRequest request, HttpContext http, SignInService signIn, CancellationToken ct)
    {
        var outcome = await signIn.CheckPasswordAsync(request.UserName, request.Password, AuthenticationSetup.ClientAddress(http), ct);
        return outcome.Principal is { } principal
            ? TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme)
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
