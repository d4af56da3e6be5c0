using System.Globalization;
using System.Text;

namespace Jianxun.Benchmarks.Text;

/// <summary>
/// A large import input made from the parser's fixture bulletins (extracted-PDF text: wrapped lines, spaced digits,
/// briefs, photo columns, inline credits). Each copy renames the districts, people and years, so no two bulletins in
/// the corpus are identical and no cache in the pipeline sees the same text twice.
/// </summary>
internal static class BulletinCorpus
{
    public const int DefaultBytes = 1024 * 1024;
    public const int QuickBytes = 128 * 1024;

    private static readonly string[] Districts = ["临江", "云湖", "海川", "石门"];

    private static readonly string[] OtherDistricts =
        ["青山", "白沙", "东坡", "南湖", "西岭", "北塘", "金河", "玉泉", "松涛", "梅岭", "桂溪", "兰亭", "清源", "龙泉", "凤城", "柳江"];

    private static readonly string[] People =
    [
        "郑明远", "韩向东", "欧阳静", "石建华", "潘晓燕", "邱振宇", "龚丽萍", "鲁海涛", "华晓峰", "周明轩", "龙海燕", "戚永康",
        "褚天佑", "贺兰芳", "邬晓明", "程立新", "葛文斌", "葛晓辉", "范志诚", "阮静怡", "令狐涛", "东方宇",
    ];

    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private const string Given = "明华建国志伟海涛丽娟晓敏文博嘉树雅琴振宇立新静怡可欣一鸣天佑兰芳永康书远启明雪梅立言";

    /// <summary>Input size in bytes: <see cref="QuickBytes"/> when JIANXUN_BENCH_QUICK is set, else <see cref="DefaultBytes"/>.</summary>
    public static int TargetBytes => Environment.GetEnvironmentVariable("JIANXUN_BENCH_QUICK") is "1" ? QuickBytes : DefaultBytes;

    public static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>UTF-8 files (as an import would read them) adding up to at least <paramref name="targetBytes"/>.</summary>
    public static IReadOnlyList<byte[]> Build(int targetBytes)
    {
        var fixtures = Directory.GetFiles(FixtureDirectory, "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        if (fixtures.Count == 0)
        {
            throw new InvalidOperationException($"No fixture bulletins in {FixtureDirectory}");
        }

        var files = new List<byte[]>();
        var total = 0L;
        for (var copy = 0; total < targetBytes; copy++)
        {
            foreach (var fixture in fixtures)
            {
                var bytes = Encoding.UTF8.GetBytes(copy == 0 ? fixture : Vary(fixture, copy));
                files.Add(bytes);
                total += bytes.Length;
            }
        }

        return files;
    }

    private static string Vary(string text, int copy)
    {
        var sb = new StringBuilder(text);
        for (var i = 0; i < Districts.Length; i++)
        {
            sb.Replace(Districts[i], OtherDistricts[((copy * Districts.Length) + i) % OtherDistricts.Length]);
        }

        for (var i = 0; i < People.Length; i++)
        {
            var k = (copy * 31) + (i * 7);
            var given = People[i].Length == 2 ? Given[k % Given.Length].ToString() : $"{Given[k % Given.Length]}{Given[(k / 3) % Given.Length]}";
            sb.Replace(People[i], Surnames[k % Surnames.Length] + given);
        }

        var year = 2018 + (copy % 8);
        sb.Replace("2024", year.ToString(CultureInfo.InvariantCulture)).Replace("2023", (year - 1).ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
