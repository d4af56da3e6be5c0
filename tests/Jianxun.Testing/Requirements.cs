namespace Jianxun.Testing;

/// <summary>
/// A test that needs something the machine lacks (PostgreSQL, Chromium, LibreOffice, Tesseract) skips on a developer's machine. CI
/// installs them and names them in <c>JIANXUN_TEST_REQUIRE</c> (<c>postgres,chromium,libreoffice,tesseract</c>): there a missing one
/// fails the test instead, so a skip that CI could prevent never passes silently.
/// </summary>
public static class Requirements
{
    public const string Variable = "JIANXUN_TEST_REQUIRE";
    public const string Postgres = "postgres";
    public const string Chromium = "chromium";
    public const string LibreOffice = "libreoffice";
    public const string Tesseract = "tesseract";

    public static bool IsRequired(string what)
        => (Environment.GetEnvironmentVariable(Variable) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(r => string.Equals(r, what, StringComparison.OrdinalIgnoreCase) || r == "all");

    /// <summary>The reason to skip (for a <c>Skip =</c> in a fact attribute), or null when the test must run: available, or required here.</summary>
    public static string? SkipReason(string what, bool available, string message)
        => available || IsRequired(what) ? null : message;

    /// <summary>Skips the running test when <paramref name="what"/> is missing, or fails it when this run requires it.</summary>
    public static void SkipUnless(string what, bool available, string message)
    {
        if (!available && IsRequired(what))
        {
            throw new InvalidOperationException($"{message} {Variable} says this run installed {what}, so the test fails instead of skipping.");
        }
        Xunit.Skip.If(!available, message);
    }
}
