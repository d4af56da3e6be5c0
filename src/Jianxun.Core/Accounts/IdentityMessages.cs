using Microsoft.AspNetCore.Identity;

namespace Jianxun.Core.Accounts;

/// <summary>Identity's messages are English; users read Chinese.</summary>
internal static class IdentityMessages
{
    public static string Translate(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => "密码至少需要 8 个字符。",
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "密码至少需要包含一个数字。",
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => "密码至少需要包含一个小写字母。",
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "密码至少需要包含一个大写字母。",
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "密码至少需要包含一个符号。",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "密码中不同的字符太少。",
        nameof(IdentityErrorDescriber.DuplicateUserName) => "该登录名已被使用。",
        nameof(IdentityErrorDescriber.InvalidUserName) => "登录名只能包含英文字母、数字和 - . _ @。",
        nameof(IdentityErrorDescriber.ConcurrencyFailure) => "该用户已被他人修改，请刷新后重试。",
        _ => error.Description,
    };
}
