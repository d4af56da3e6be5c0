namespace Jianxun.Text;

/// <summary>Line width in typesetting units: CJK and full-width characters 2, ASCII 1, a space 0.5.</summary>
internal static class TextWidth
{
    public static double Of(string line)
    {
        double w = 0;
        foreach (var c in line)
        {
            w += Of(c);
        }

        return w;
    }

    public static double Of(char c) => c switch
    {
        ' ' or '\t' => 0.5,
        < (char)128 => 1,
        _ => 2,
    };
}
