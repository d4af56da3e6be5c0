namespace Jianxun.Text.Tests;

internal static class TestPaths
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>shared/samples beside the repository, or null on a clone that lacks it.</summary>
    public static string? Samples
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
            {
                dir = dir.Parent;
            }

            var samples = dir is null ? null : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "samples"));
            return samples is not null && Directory.Exists(samples) ? samples : null;
        }
    }
}

/// <summary>A fact that is skipped when shared/samples is not beside the repository (a fresh CI clone).</summary>
internal sealed class SampleFactAttribute : FactAttribute
{
    public SampleFactAttribute()
    {
        if (TestPaths.Samples is null)
        {
            Skip = "shared/samples is not present";
        }
    }
}
