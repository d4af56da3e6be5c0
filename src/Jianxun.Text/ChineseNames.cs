namespace Jianxun.Text;

/// <summary>Word lists for recognising Chinese personal names, titles and organisations.</summary>
internal static class ChineseNames
{
    // The Hundred Family Surnames plus common modern ones.
    private const string SingleSurnames =
        "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴郁胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍郤璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公"
        + "岳付仝邸覃揭粟佘禤迟苑谌楚冼晋银隋战展过琚代邝母乔庹原门来占植栗菅户亢缑况帅谯笪佟闫麦官练伞蹇郦";

    private static readonly string[] CompoundSurnames =
    [
        "万俟", "司马", "上官", "欧阳", "夏侯", "诸葛", "闻人", "东方", "赫连", "皇甫", "尉迟", "公羊", "澹台", "公冶", "宗政",
        "濮阳", "淳于", "单于", "太叔", "申屠", "公孙", "仲孙", "轩辕", "令狐", "钟离", "宇文", "长孙", "慕容", "鲜于", "闾丘",
        "司徒", "司空", "亓官", "司寇", "子车", "颛孙", "端木", "巫马", "公西", "漆雕", "乐正", "壤驷", "公良", "拓跋", "夹谷",
        "宰父", "谷梁", "段干", "百里", "东郭", "南门", "呼延", "羊舌", "微生", "梁丘", "左丘", "东门", "西门", "南宫", "第五",
    ];

    // Surnames that are also everyday words: never trusted without a title before the name.
    private const string WeakSurnames = "和于时从能都通向后公成平全国广东空相双经解应宁安常乐元计干山车红别终居步满师养须益利越那简尚农连容易古来原门代过展战户";

    // Characters that do not end or sit inside a given name.
    private const string NonNameChars = "的了是在与及等对就将把被从到于也都还又并而或个们这那其所以上下内外年日时第各每该本此党委会局办部省市区县镇村司院校厂站处科组队员说讲要";

    /// <summary>Title words that stand right before a name, longest first.</summary>
    public static readonly string[] TitleSuffixes = new[]
    {
        "总经理", "经理", "董事长", "董事", "监事长", "监事", "总裁", "总监", "总工程师", "总会计师", "总经济师", "总工", "总师",
        "工程师", "书记", "主任", "主席", "委员", "常委", "区长", "市长", "县长", "镇长", "乡长", "省长", "局长", "处长", "科长",
        "部长", "厅长", "院长", "校长", "所长", "站长", "馆长", "行长", "社长", "会长", "理事长", "秘书长", "秘书", "组长", "队长",
        "班长", "庭长", "检察长", "主管", "专员", "调研员", "巡视员", "助理", "负责人", "教授", "院士", "博士", "研究员", "主编",
        "总编辑", "厂长", "店长", "园长", "团长", "司长", "署长", "主任委员", "代表", "老师", "医生", "记者", "律师", "民警",
        "主持人", "创始人", "首席执行官", "指导员", "辅导员", "干事", "司令员", "政委", "参谋长", "审计师", "会计师", "经济师",
    }.OrderByDescending(s => s.Length).ToArray();

    /// <summary>Words that follow a person's name and make it likely on their own.</summary>
    public static readonly string[] StrongCues =
    [
        "一行", "表示", "指出", "强调", "介绍", "要求", "主持", "讲话", "带队", "率队", "出席", "陪同", "代表", "总结", "部署",
        "汇报", "提出", "认为", "希望", "宣读", "传达", "致辞", "发言", "点评", "通报", "解读", "主讲", "同志", "等人", "谈到",
        "回顾", "听取", "带领", "看望", "慰问", "会见", "宣布", "感谢", "说",
    ];

    /// <summary>Words that may follow a name once other evidence (a title, a known name) is there.</summary>
    public static readonly string[] WeakCues =
    [
        "参加", "参观", "调研", "前往", "来到", "深入", "一同", "分别", "先后", "充分", "肯定", "签订", "签署", "颁发", "作了",
        "做了", "详细", "围绕", "结合", "对此", "亲自", "实地", "首先", "随后", "就", "对", "在", "与", "和", "及", "等", "为",
        "向", "率", "赴", "也", "还", "作", "做", "将", "从", "到", "同", "带", "出", "主", "进", "于", "以", "是", "来", "的",
        "并", "又", "获", "被", "把", "所", "现场", "当场", "专程", "主动", "曾",
    ];

    /// <summary>Verbs that, after a name at the start of a clause (its subject), make it likely without a title.</summary>
    public static readonly string[] SubjectVerbs =
    [
        "参加", "参观", "调研", "前往", "来到", "深入", "亲自", "实地", "专程", "主动", "先后", "分别", "一同", "现场", "详细",
        "围绕", "充分", "肯定", "签订", "签署", "颁发", "作了", "做了", "走访", "检查", "督导", "考察", "察看", "查看", "听取",
    ];

    private static readonly string[] OrgSuffixes =
    [
        "集团", "公司", "委员会", "委", "局", "办", "中心", "部", "厅", "院", "校", "所", "站", "处", "科", "室", "组", "队", "会",
        "社", "行", "厂", "馆", "团", "园", "区", "镇", "街道", "村", "司", "署", "基地", "大学", "学院", "中学", "小学", "医院",
        "银行", "协会", "商会", "联盟", "平台", "孵化器", "工作室", "事务所", "控股", "股份", "实业", "科技", "投资", "发展", "建设",
        "城投", "国资", "资产", "置业", "物业", "交通", "能源", "产业",
    ];

    public static bool IsSurnameAt(string s, int i, out int length, bool strongOnly = false)
    {
        length = 0;
        if (i + 1 < s.Length)
        {
            var two = s.Substring(i, 2);
            if (CompoundSurnames.Contains(two, StringComparer.Ordinal))
            {
                length = 2;
                return true;
            }
        }

        if (i < s.Length && SingleSurnames.Contains(s[i], StringComparison.Ordinal)
            && !(strongOnly && WeakSurnames.Contains(s[i], StringComparison.Ordinal)))
        {
            length = 1;
            return true;
        }

        return false;
    }

    public static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    /// <summary>Surname plus one or two given-name characters, nothing organisation-like.</summary>
    public static bool LooksLikeName(string token, bool strongOnly = false)
    {
        if (token.Length is < 2 or > 4 || !token.All(IsCjk))
        {
            return false;
        }

        if (!IsSurnameAt(token, 0, out var sl, strongOnly))
        {
            return false;
        }

        var given = token.Length - sl;
        if (given is < 1 or > 2)
        {
            return false;
        }

        for (var k = sl; k < token.Length; k++)
        {
            if (NonNameChars.Contains(token[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return !LooksLikeOrganization(token);
    }

    public static bool LooksLikeOrganization(string token) =>
        OrgSuffixes.Any(suffix => token.EndsWith(suffix, StringComparison.Ordinal) && token.Length > suffix.Length);

    public static string? TitleSuffixEndingAt(string s, int end)
    {
        foreach (var t in TitleSuffixes)
        {
            if (end >= t.Length && string.CompareOrdinal(s, end - t.Length, t, 0, t.Length) == 0)
            {
                return t;
            }
        }

        return null;
    }

    public static bool EndsWithTitle(string part) => TitleSuffixEndingAt(part, part.Length) is not null;

    public static bool SubjectVerbAt(string s, int p)
        => SubjectVerbs.Any(v => string.CompareOrdinal(s, p, v, 0, v.Length) == 0);

    public static bool CueAt(string s, int p, bool strongOnly)
    {
        if (p >= s.Length)
        {
            return !strongOnly;
        }

        var c = s[p];
        if (!IsCjk(c))
        {
            // Punctuation after a bare name proves nothing; after a title or a known name it ends the name.
            return !strongOnly;
        }

        foreach (var cue in StrongCues)
        {
            if (string.CompareOrdinal(s, p, cue, 0, cue.Length) == 0)
            {
                return true;
            }
        }

        if (strongOnly)
        {
            return false;
        }

        foreach (var cue in WeakCues)
        {
            if (string.CompareOrdinal(s, p, cue, 0, cue.Length) == 0)
            {
                return true;
            }
        }

        return TitleSuffixes.Any(t => string.CompareOrdinal(s, p, t, 0, t.Length) == 0);
    }
}
