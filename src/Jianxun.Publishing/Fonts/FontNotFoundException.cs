namespace Jianxun.Publishing;

/// <summary>A font family the settings ask for is not in the font directory.</summary>
public sealed class FontNotFoundException : Exception
{
    public FontNotFoundException()
    {
    }

    public FontNotFoundException(string message)
        : base(message)
    {
    }

    public FontNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FontNotFoundException(string familyName, string directory, IEnumerable<string> available)
        : base(BuildMessage(familyName, directory, available))
    {
        FamilyName = familyName;
        Directory = directory;
    }

    public string? FamilyName { get; }

    public string? Directory { get; }

    private static string BuildMessage(string familyName, string directory, IEnumerable<string> available)
    {
        var known = string.Join("、", available);
        return $"Font family '{familyName}' was not found in '{directory}'. "
            + (known.Length == 0 ? "The directory holds no usable TrueType (.ttf) fonts." : $"Available families: {known}.")
            + " Put the font's .ttf files there, add a line to fontmap.txt, or change TypesetSettings.";
    }
}
