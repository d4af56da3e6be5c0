using System.Globalization;
using System.Text;

namespace Jianxun.Benchmarks.Search;

/// <summary>A unit of the invented district (id as stored, full name, short name as credit lines print it).</summary>
internal sealed record BenchUnit(int Id, string Name, string ShortName);

/// <summary>An invented person: name, title as the articles print it, and the unit (none for district leaders).</summary>
internal sealed record BenchPerson(string Name, string Title, int? UnitId);

/// <summary>One invented bulletin article. <see cref="Index"/> is its place in the corpus; the benchmark stores it as item <c>Index + 1</c>.</summary>
internal sealed record BenchArticle(
    int Index,
    int IssueIndex,
    DateOnly Date,
    string Column,
    string Title,
    IReadOnlyList<string> Paragraphs,
    BenchUnit Unit,
    string Author,
    IReadOnlyList<BenchPerson> Persons)
{
    public string CreditLine => $"【供稿：{Unit.ShortName} {Author}】";
}

/// <summary>
/// A deterministic corpus of invented bulletin articles for the search benchmark: 50 units of an invented district,
/// a few hundred people with titles, titles and 3–8 paragraphs of 80–200 characters built from a vocabulary of
/// government-news phrases, dates over ten years. Article <c>i</c> depends only on the seed and <c>i</c> (its text) and on the
/// corpus size (its date), so any article can be regenerated without holding the corpus in memory.
/// </summary>
/// <remarks>Shared by bench/Jianxun.Benchmarks and (linked) tests/Jianxun.Core.Tests, which runs a tiny corpus in CI.</remarks>
internal sealed class SearchCorpus
{
    public const int DefaultSeed = 20261128;
    public const int ArticlesPerIssue = 10;
    public const int DaySpan = 3652;
    public static readonly DateOnly FirstDate = new(2016, 1, 4);

    public static IReadOnlyList<string> Columns { get; } = ["领导关注", "改革发展", "党建工作", "基层动态", "工作动态"];

    /// <summary>The topics articles are about; two-word queries combine them.</summary>
    public static IReadOnlyList<string> Topics { get; } =
    [
        "安全生产", "营商环境", "招商引资", "乡村振兴", "城市更新", "数字化转型", "国企改革", "党风廉政建设", "防汛抗旱", "垃圾分类",
        "文明城市创建", "基层治理", "民生实事", "老旧小区改造", "重大项目建设", "科技创新", "人才引进", "生态环境保护", "河长制", "消防安全",
        "食品安全", "安置房建设", "专项债券", "审计整改", "信访维稳", "就业创业", "医疗保障", "义务教育", "养老服务", "国有资产监管",
        "预算管理", "产业招商", "农村人居环境整治", "森林防火", "交通安全", "社区服务", "政务服务", "工程质量", "低效用地盘活", "双碳",
    ];

    /// <summary>Words no article contains (some queries find nothing, as in real use).</summary>
    public static IReadOnlyList<string> AbsentWords { get; } = ["量子计算", "航天发射", "冰雪运动", "海洋渔业"];

    /// <summary>Common words that go with a topic in a two-word query.</summary>
    public static IReadOnlyList<string> CommonWords { get; } = ["调研", "会议", "项目", "检查", "改革", "培训", "整改", "投资"];

    private static readonly string[] Phrases =
    [
        "要坚持问题导向和目标导向", "进一步压紧压实主体责任", "切实增强工作的系统性和协同性", "以钉钉子精神抓好任务落实",
        "始终坚持以人民为中心的发展思想", "持续深化国有企业改革", "坚决守住安全生产底线", "推动高质量发展取得新成效",
        "加快构建现代化产业体系", "持续优化营商环境", "不断提升基层治理能力和水平", "扎实推进全面从严治党", "统筹好发展和安全",
        "进一步完善工作机制", "强化部门之间的协调联动", "抓紧补齐短板弱项", "牢牢把握工作主动权", "加大督查考核力度",
        "营造比学赶超的浓厚氛围", "确保各项目标任务按期完成", "切实把好事办好实事办实", "聚焦群众急难愁盼问题",
        "坚持项目为王的工作导向", "全力以赴稳投资促消费", "着力防范化解重大风险", "加快数字赋能步伐", "深入开展调查研究",
        "压茬推进重点项目建设", "不断擦亮营商服务品牌", "持续抓好作风建设", "强化要素保障和服务支撑", "深入推进简政放权",
        "推动各项政策直达快享", "切实提高政治站位", "认真总结经验做法", "形成一批可复制可推广的经验", "做到守土有责守土尽责",
        "以更高标准更实举措推进工作", "提升群众的获得感幸福感安全感", "推动改革举措落地见效",
    ];

    private static readonly (string Name, string Short)[] Bureaus =
    [
        ("国有资产监督管理委员会", "国资委"), ("发展和改革局", "发改局"), ("财政局", "财政局"), ("住房和城乡建设局", "住建局"),
        ("交通运输局", "交通运输局"), ("教育局", "教育局"), ("卫生健康委员会", "卫健委"), ("生态环境分局", "生态环境分局"),
        ("应急管理局", "应急管理局"), ("市场监督管理局", "市场监管局"), ("人力资源和社会保障局", "人社局"), ("民政局", "民政局"),
        ("司法局", "司法局"), ("审计局", "审计局"), ("统计局", "统计局"), ("商务局", "商务局"), ("科学技术局", "科技局"),
        ("农业农村局", "农业农村局"), ("水利局", "水利局"), ("文化旅游体育局", "文旅体局"), ("退役军人事务局", "退役军人事务局"),
        ("医疗保障局", "医保局"), ("城市管理局", "城管局"), ("自然资源和规划分局", "规划分局"), ("行政审批局", "行政审批局"),
        ("数据资源管理局", "数据局"), ("信访局", "信访局"), ("机关事务管理局", "机关事务局"), ("投资促进局", "投促局"),
        ("经济和信息化局", "经信局"),
    ];

    private static readonly (string Name, string Short)[] Companies =
    [
        ("城市建设投资集团有限公司", "城投集团"), ("交通投资集团有限公司", "交投集团"), ("文化旅游发展集团有限公司", "文旅集团"),
        ("国有资本运营有限公司", "国资运营公司"), ("水务集团有限公司", "水务集团"), ("产业发展集团有限公司", "产发集团"),
        ("城市更新建设集团有限公司", "城更集团"), ("农业发展集团有限公司", "农发集团"), ("科创投资集团有限公司", "科创集团"),
        ("物产集团有限公司", "物产集团"), ("建工集团有限公司", "建工集团"), ("人才发展集团有限公司", "人才集团"),
    ];

    private static readonly string[] Towns = ["滨江街道", "北苑街道", "东湖街道", "南山街道", "青石镇", "白沙镇", "柳溪镇", "云台镇"];

    private static readonly string[] BureauRoles = ["党组书记、局长", "局长", "副局长", "党组成员、副局长", "二级调研员"];
    private static readonly string[] CompanyRoles = ["党委书记、董事长", "党委副书记、总经理", "副总经理", "纪委书记", "董事会秘书"];
    private static readonly string[] TownRoles = ["党工委书记", "党工委副书记、办事处主任", "党委书记", "镇长", "副镇长"];
    private static readonly string[] LeaderTitles = ["区委书记", "区委副书记、区长", "区委常委、常务副区长", "区委常委、组织部部长", "副区长", "区人大常委会主任", "区政协主席", "区委常委、区纪委书记", "副区长", "副区长", "区委常委、宣传部部长", "副区长"];

    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static readonly string[] CompoundSurnames = ["欧阳", "司马", "上官", "诸葛", "东方", "令狐"];
    private const string Given = "明华建国志伟海涛丽娟晓敏文博嘉树雅琴振宇立新静怡可欣一鸣天佑兰芳永康书远启雪梅言春秋云峰杰磊军勇婷燕霞玲红斌鹏飞超洋宏亮德胜光辉";

    private readonly int _seed;

    public SearchCorpus(int size, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        _seed = seed;
        var units = new List<BenchUnit>();
        foreach (var (name, shortName) in Bureaus)
        {
            units.Add(new BenchUnit(units.Count + 1, "云溪区" + name, "区" + shortName));
        }
        foreach (var (name, shortName) in Companies)
        {
            units.Add(new BenchUnit(units.Count + 1, "云溪区" + name, shortName));
        }
        foreach (var town in Towns)
        {
            units.Add(new BenchUnit(units.Count + 1, "云溪区" + town, town));
        }
        Units = units;

        // A few hundred people: district leaders first (mentioned most), then each unit's heads and deputies.
        var random = new Random(seed);
        var names = new HashSet<string>(StringComparer.Ordinal);
        string NewName()
        {
            while (true)
            {
                var surname = random.Next(20) == 0 ? CompoundSurnames[random.Next(CompoundSurnames.Length)] : Surnames[random.Next(Surnames.Length)].ToString();
                var given = random.Next(10) < 7 ? $"{Given[random.Next(Given.Length)]}{Given[random.Next(Given.Length)]}" : Given[random.Next(Given.Length)].ToString();
                if (given.Length == 2 && given[0] == given[1])
                {
                    continue;
                }
                if (names.Add(surname + given))
                {
                    return surname + given;
                }
            }
        }
        var persons = LeaderTitles.Select(t => new BenchPerson(NewName(), t, null)).ToList();
        foreach (var unit in units)
        {
            var roles = unit.Id <= Bureaus.Length ? BureauRoles : unit.Id <= Bureaus.Length + Companies.Length ? CompanyRoles : TownRoles;
            for (var k = 0; k < 5; k++)
            {
                persons.Add(new BenchPerson(NewName(), unit.ShortName + roles[k], unit.Id));
            }
        }
        Persons = persons;
        Authors = [.. Enumerable.Range(0, 120).Select(_ => NewName())];
    }

    public int Size { get; }
    public IReadOnlyList<BenchUnit> Units { get; }
    public IReadOnlyList<BenchPerson> Persons { get; }

    /// <summary>Staff who write the articles (credit lines only).</summary>
    public IReadOnlyList<string> Authors { get; }

    public int IssueCount => (Size + ArticlesPerIssue - 1) / ArticlesPerIssue;

    /// <summary>Issues are spread evenly over ten years.</summary>
    public DateOnly IssueDate(int issueIndex) => FirstDate.AddDays((int)((long)issueIndex * DaySpan / IssueCount));

    public IEnumerable<BenchArticle> Articles() => Enumerable.Range(0, Size).Select(Article);

    public BenchArticle Article(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var r = new Random(unchecked(_seed + (index * 7919) + 1));
        var issue = index / ArticlesPerIssue;
        var date = IssueDate(issue);
        var unit = Units[Skewed(r, Units.Count, 1.6)];
        var other = Units[r.Next(Units.Count)];
        var topic = Topics[r.Next(Topics.Count)];
        var second = Topics[r.Next(Topics.Count)];
        var own = Persons.Where(p => p.UnitId == unit.Id).ToList();
        var main = r.Next(2) == 0 ? own[Skewed(r, own.Count, 2)] : Persons[Skewed(r, Persons.Count, 2.5)];
        var guest = Persons[Skewed(r, Persons.Count, 2.5)];
        var guest2 = Persons[r.Next(Persons.Count)];
        var persons = new[] { main, guest, guest2 }.Distinct().ToList();
        var mentioned = date.AddDays(-r.Next(0, 7));
        var day = $"{mentioned.Month}月{mentioned.Day}日";

        string Topic() => r.Next(10) < 7 ? topic : second;
        string Phrase() => Phrases[r.Next(Phrases.Length)];
        string Who(BenchPerson p) => p.Title + p.Name;
        string N(int min, int max) => r.Next(min, max).ToString(CultureInfo.InvariantCulture);
        string X() => (r.Next(5, 500) / 10.0).ToString("0.#", CultureInfo.InvariantCulture);

        var title = r.Next(8) switch
        {
            0 => $"{unit.ShortName}召开{topic}工作推进会",
            1 => $"{main.Name}调研{unit.ShortName}{topic}工作",
            2 => $"{unit.ShortName}扎实推进{topic}",
            3 => $"{unit.ShortName}{topic}取得阶段性成效",
            4 => $"{unit.ShortName}开展{topic}专项行动",
            5 => $"全区{topic}工作会议召开",
            6 => $"{unit.ShortName}：多措并举推动{topic}提质增效",
            _ => $"{main.Name}主持召开{topic}专题会议",
        };

        var opening = r.Next(4) switch
        {
            0 => $"{day}，{unit.ShortName}召开{topic}工作推进会，{Who(main)}出席会议并讲话。",
            1 => $"{day}，{Who(main)}带队赴{other.ShortName}调研{topic}工作，实地察看了{N(2, 9)}个点位。",
            2 => $"{day}上午，{unit.ShortName}组织开展{topic}专题培训，各科室负责人和业务骨干共{N(20, 300)}人参加。",
            _ => $"近日，{unit.ShortName}印发《关于进一步加强{topic}工作的实施意见》，明确{N(5, 30)}项重点任务。",
        };

        string Sentence() => r.Next(12) switch
        {
            0 => $"会议指出，{Phrase()}，{Phrase()}。",
            1 => $"{main.Name}强调，{Phrase()}，{Phrase()}，确保{Topic()}各项任务落到实处。",
            2 => $"截至{N(1, 13)}月底，{unit.ShortName}已完成{Topic()}相关项目{N(3, 90)}个，完成投资{X()}亿元，同比增长{X()}%。",
            3 => $"今年以来，{unit.ShortName}累计开展{Topic()}专项检查{N(5, 200)}次，发现并整改问题{N(10, 500)}处，整改完成率达{N(85, 101)}%。",
            4 => $"会上，{other.ShortName}、{Units[r.Next(Units.Count)].ShortName}等{N(3, 12)}家单位作交流发言，{unit.ShortName}通报了{Topic()}工作进展情况。",
            5 => $"下一步，{unit.ShortName}将{Phrase()}，{Phrase()}，为全区经济社会高质量发展作出新的更大贡献。",
            6 => $"{Who(guest)}指出，{Phrase()}。",
            7 => $"据了解，{unit.ShortName}把{Topic()}作为今年的重点工作，成立了由主要负责同志任组长的工作专班，制定了{N(5, 40)}项具体措施。",
            8 => $"会议要求，各单位要{Phrase()}，{Phrase()}，以{Topic()}的实际成效取信于民。",
            9 => $"{Who(guest)}、{Who(guest2)}参加会议。",
            10 => $"{unit.ShortName}相关负责人介绍，{Topic()}项目计划总投资{X()}亿元，预计{date.Year + r.Next(0, 3)}年底建成投用。",
            _ => $"活动现场，{unit.ShortName}工作人员向群众发放宣传资料{N(100, 5000)}余份，解答群众咨询{N(20, 800)}人次。",
        };

        var paragraphs = new List<string>();
        var count = r.Next(3, 9);
        for (var p = 0; p < count; p++)
        {
            var target = r.Next(80, 201);
            var sb = new StringBuilder(p == 0 ? opening : "");
            while (sb.Length < target)
            {
                var s = Sentence();
                if (sb.Length >= 80 && sb.Length + s.Length > 200)
                {
                    break;
                }
                sb.Append(s);
            }
            paragraphs.Add(sb.ToString());
        }

        return new BenchArticle(index, issue, date, Columns[r.Next(Columns.Count)], title, paragraphs, unit, Authors[r.Next(Authors.Count)], persons);
    }

    /// <summary>An index in [0, count) where low indexes are more likely (the district's leaders and busiest units).</summary>
    private static int Skewed(Random r, int count, double power) => Math.Min(count - 1, (int)(count * Math.Pow(r.NextDouble(), power)));
}
