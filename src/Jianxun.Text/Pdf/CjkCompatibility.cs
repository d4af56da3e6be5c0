using System.Text;

namespace Jianxun.Text.Pdf;

/// <summary>
/// Maps the radical code points some PDF producers (Chromium, Skia) put in the text layer back to the ordinary
/// ideographs: a font's cmap often lists 工 both as U+5DE5 and as the Kangxi radical U+2F2F, and the ToUnicode map
/// keeps the lower one.
/// </summary>
internal static class CjkCompatibility
{
    // CJK Radicals Supplement (U+2E80–U+2EF3) has no NFKC mapping; these are the forms used in simplified text
    // (after Unicode's EquivalentUnifiedIdeograph.txt).
    private static readonly Dictionary<char, char> Supplement = new()
    {
        ['\u2E81'] = '厂',
        ['\u2E84'] = '乙',
        ['\u2E85'] = '亻',
        ['\u2E86'] = '冂',
        ['\u2E87'] = '几',
        ['\u2E88'] = '刀',
        ['\u2E89'] = '刂',
        ['\u2E8A'] = '卜',
        ['\u2E8C'] = '小',
        ['\u2E8D'] = '小',
        ['\u2E8E'] = '兀',
        ['\u2E8F'] = '尣',
        ['\u2E90'] = '尢',
        ['\u2E92'] = '巳',
        ['\u2E93'] = '幺',
        ['\u2E94'] = '彑',
        ['\u2E95'] = '彐',
        ['\u2E96'] = '忄',
        ['\u2E97'] = '心',
        ['\u2E98'] = '扌',
        ['\u2E99'] = '攵',
        ['\u2E9B'] = '旡',
        ['\u2E9D'] = '月',
        ['\u2E9E'] = '歺',
        ['\u2E9F'] = '母',
        ['\u2EA0'] = '民',
        ['\u2EA1'] = '氵',
        ['\u2EA2'] = '氺',
        ['\u2EA3'] = '灬',
        ['\u2EA4'] = '爫',
        ['\u2EA5'] = '爫',
        ['\u2EA6'] = '丬',
        ['\u2EA7'] = '牛',
        ['\u2EA8'] = '犭',
        ['\u2EA9'] = '王',
        ['\u2EAA'] = '疋',
        ['\u2EAB'] = '罒',
        ['\u2EAC'] = '示',
        ['\u2EAD'] = '礻',
        ['\u2EAE'] = '竹',
        ['\u2EAF'] = '糹',
        ['\u2EB0'] = '纟',
        ['\u2EB2'] = '罒',
        ['\u2EB3'] = '罒',
        ['\u2EB4'] = '罒',
        ['\u2EB5'] = '罒',
        ['\u2EB6'] = '羊',
        ['\u2EB7'] = '羊',
        ['\u2EB8'] = '羊',
        ['\u2EB9'] = '耂',
        ['\u2EBA'] = '肀',
        ['\u2EBB'] = '聿',
        ['\u2EBC'] = '月',
        ['\u2EBD'] = '臼',
        ['\u2EBE'] = '艹',
        ['\u2EBF'] = '艹',
        ['\u2EC0'] = '艹',
        ['\u2EC1'] = '虎',
        ['\u2EC2'] = '衤',
        ['\u2EC3'] = '覀',
        ['\u2EC4'] = '西',
        ['\u2EC5'] = '见',
        ['\u2EC6'] = '角',
        ['\u2EC7'] = '角',
        ['\u2EC8'] = '讠',
        ['\u2EC9'] = '贝',
        ['\u2ECA'] = '足',
        ['\u2ECB'] = '车',
        ['\u2ECC'] = '辶',
        ['\u2ECD'] = '辶',
        ['\u2ECE'] = '辶',
        ['\u2ECF'] = '阝',
        ['\u2ED0'] = '钅',
        ['\u2ED1'] = '長',
        ['\u2ED2'] = '镸',
        ['\u2ED3'] = '长',
        ['\u2ED4'] = '门',
        ['\u2ED5'] = '阜',
        ['\u2ED6'] = '阝',
        ['\u2ED7'] = '雨',
        ['\u2ED8'] = '青',
        ['\u2ED9'] = '韦',
        ['\u2EDA'] = '页',
        ['\u2EDB'] = '风',
        ['\u2EDC'] = '飞',
        ['\u2EDD'] = '食',
        ['\u2EDE'] = '食',
        ['\u2EDF'] = '飠',
        ['\u2EE0'] = '饣',
        ['\u2EE1'] = '首',
        ['\u2EE2'] = '马',
        ['\u2EE3'] = '骨',
        ['\u2EE4'] = '鬼',
        ['\u2EE5'] = '鱼',
        ['\u2EE6'] = '鸟',
        ['\u2EE7'] = '卤',
        ['\u2EE8'] = '麦',
        ['\u2EE9'] = '黄',
        ['\u2EEA'] = '黾',
        ['\u2EEB'] = '斉',
        ['\u2EEC'] = '齐',
        ['\u2EED'] = '歯',
        ['\u2EEE'] = '齿',
        ['\u2EEF'] = '竜',
        ['\u2EF0'] = '龙',
        ['\u2EF1'] = '龜',
        ['\u2EF2'] = '亀',
        ['\u2EF3'] = '龟',
    };

    public static bool NeedsMapping(char c) => c is (>= '\u2E80' and <= '\u2EF3') or (>= '\u2F00' and <= '\u2FD5') or (>= '\uF900' and <= '\uFAD9');

    /// <summary>The ordinary form of one letter's text.</summary>
    public static string Map(string value)
    {
        var needs = false;
        foreach (var c in value)
        {
            needs |= NeedsMapping(c);
        }

        if (!needs)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (Supplement.TryGetValue(c, out var mapped))
            {
                sb.Append(mapped);
            }
            else if (NeedsMapping(c))
            {
                sb.Append(c.ToString().Normalize(NormalizationForm.FormKC));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
