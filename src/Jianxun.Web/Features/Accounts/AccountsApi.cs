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

internal static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts");
        auth.MapPost("/token", IssueToken).AllowAnonymous().WithName(nameof(IssueToken))
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK);

        app.MapGet("/api/me", GetMe).WithTags("Accounts").RequireAuthorization().WithName(nameof(GetMe));

        var users = app.MapGroup("/api/users").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        users.MapGet("/", ListUsers).WithName(nameof(ListUsers));
        users.MapGet("/{id:int}", GetUser).WithName(nameof(GetUser));
        users.MapPost("/", CreateUser).WithName(nameof(CreateUser));
        users.MapPut("/{id:int}", UpdateUser).WithName(nameof(UpdateUser));
        users.MapPost("/{id:int}/password", ResetPassword).WithName(nameof(ResetPassword));
        users.MapPost("/{id:int}/unlock", UnlockUser).WithName(nameof(UnlockUser));
        return app;
    }

    /// <summary>Exchanges a user name and password for a bearer token: <c>{"accessToken", "expiresIn", …}</c>.</summary>
    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> IssueToken(
        TokenRequest request, SignInService signIn, CancellationToken ct)
    {
        var outcome = await signIn.CheckPasswordAsync(request.UserName, request.Password, ct);
        return outcome.Principal is { } principal
            ? TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme)
            : TypedResults.Problem(title: "登录失败", detail: outcome.Message, statusCode: StatusCodes.Status401Unauthorized);
    }

    internal static async Task<Ok<MeDto>> GetMe(HttpContext http, UserHandlers handler, CancellationToken ct)
        => TypedResults.Ok(await handler.GetMeAsync(http.User.ToActor(), ct));

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
}

/// <summary>The one place where passwords are checked, for the login page and the token endpoint alike.</summary>
public sealed class SignInService(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, AppDbContext db, TimeProvider clock, ILogger<SignInService> logger)
{
    public sealed record Outcome(System.Security.Claims.ClaimsPrincipal? Principal, AppUser? User, string Message);

    public const string WrongPassword = "用户名或密码错误。";

    public async Task<Outcome> CheckPasswordAsync(string? userName, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return new(null, null, "请输入用户名和密码。");
        }
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            Log.SignInRefused(logger, userName, "unknown user");
            return new(null, null, WrongPassword);
        }
        if (!user.IsActive)
        {
            Log.SignInRefused(logger, userName, "deactivated");
            return new(null, null, "该账户已停用，请联系管理员。");
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            Log.SignInRefused(logger, userName, "locked out");
            if (await users.GetAccessFailedCountAsync(user) == 0 && !await AlreadyRecordedAsync(user, ct))
            {
                audit.Record(new Actor(user.Id, user.UserName!, user.UnitId, new HashSet<string>()), "user.locked-out", nameof(AppUser), user.Id,
                    $"用户 {user.UserName} 连续输错密码，账户锁定 15 分钟");
                await db.SaveChangesAsync(ct);
            }
            return new(null, user, "连续多次密码错误，账户已锁定 15 分钟，请稍后再试或联系管理员解锁。");
        }
        if (!result.Succeeded)
        {
            Log.SignInRefused(logger, userName, "wrong password");
            return new(null, user, WrongPassword);
        }
        Log.SignedIn(logger, user.UserName!, "password");
        return new(await signIn.CreateUserPrincipalAsync(user), user, "");
    }

    // Identity resets the failure count to zero when it locks the account; record the lock once per lock period.
    private async Task<bool> AlreadyRecordedAsync(AppUser user, CancellationToken ct)
    {
        var since = (user.LockoutEnd ?? clock.GetUtcNow()).UtcDateTime.AddMinutes(-15).AddSeconds(-1);
        var id = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.AnyAsync(a => a.Action == "user.locked-out" && a.EntityId == id && a.At >= since, ct);
    }
}
