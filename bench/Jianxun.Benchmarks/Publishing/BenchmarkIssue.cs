using System.Globalization;
using Jianxun.Publishing;

namespace Jianxun.Benchmarks.Publishing;

/// <summary>
/// The benchmark issue: 20 invented articles in four columns, 10 photos (7 JPEG photos, 3 PNG charts), a briefs column,
/// an editor's note and a distribution block. Deterministic, so every engine and every run typesets the same bytes.
/// Jianxun typesets it on 16 pages (checked by <see cref="PublishingComparison"/>, which prints the page counts).
/// </summary>
internal static class BenchmarkIssue
{
    public const int ArticleCount = 20;
    public const int PhotoCount = 10;
    public const int BriefCount = 5;

    // Articles that get a second body paragraph.
    private static readonly HashSet<int> LongArticles = [0, 2, 4, 6, 10, 12];

    private static readonly string[] Units =
    [
        "滨江城投集团", "港航物流集团", "城建发展集团", "水务环境集团", "文旅产业集团", "能源投资集团", "交通建设集团",
        "国有资本运营公司", "现代农业发展公司", "产业投资基金公司",
    ];

    private static readonly string[] People = ["林书远", "何晓岚", "周启明", "韩雪梅", "唐振华", "苏立言", "邱振宇", "龚丽萍", "石建华", "潘晓燕"];

    private static readonly string[] Places = ["新城产业园", "临港物流园", "东湖科创谷", "北部工业园", "滨江新区", "老城更新片区"];

    private static readonly string[] Projects = ["智慧园区", "城市更新", "绿色港口", "数字水务", "全域旅游", "新型储能", "智慧交通", "保障性租赁住房"];

    private static readonly (string Column, string Title)[] Titles =
    [
        ("领导关注", "市领导赴{unit}调研{project}项目建设并召开现场办公会"),
        ("领导关注", "市国资委党委书记、主任主持召开国企改革深化提升行动专题推进会"),
        ("领导关注", "{unit}召开2026年工作会议暨职工代表大会"),
        ("改革发展", "{unit}完成混合所有制改革引入战略投资者"),
        ("改革发展", "{unit}“{project}”项目一期工程顺利竣工验收"),
        ("改革发展", "{unit}一季度营业收入同比增长12.6%"),
        ("改革发展", "{unit}成功发行2026年度第一期绿色中期票据"),
        ("改革发展", "{unit}与市属高校签署产学研战略合作协议"),
        ("改革发展", "{unit}深入推进经理层成员任期制和契约化管理"),
        ("党建工作", "{unit}党委召开党史学习教育专题民主生活会"),
        ("党建工作", "{unit}开展“国企开放日”主题党日活动"),
        ("党建工作", "{unit}纪委召开廉洁风险防控工作推进会"),
        ("党建工作", "{unit}举办2026年新任基层党组织书记培训班"),
        ("党建工作", "{unit}扎实开展“我为群众办实事”实践活动"),
        ("基层动态", "{unit}所属项目公司获评省级“安全文明标准化工地”"),
        ("基层动态", "{unit}组织开展防汛应急综合演练"),
        ("基层动态", "{unit}举办青年职工技能比武大赛"),
        ("基层动态", "{unit}“{project}”服务平台正式上线运行"),
        ("基层动态", "{unit}开展春季安全生产大检查"),
        ("基层动态", "{unit}工会开展“春送岗位”专场招聘活动"),
    ];

    private static readonly string[] Openings =
    [
        "{m}月{d}日上午，{unit}在{place}召开{project}项目推进会，集团党委书记、董事长{person}出席会议并讲话。会议听取了各项目公司关于一季度工作进展情况的汇报，逐项研究解决了用地保障、资金筹措和审批手续等方面的{n1}个具体问题，明确了下一阶段的目标任务和责任分工。",
        "{m}月{d}日，{unit}召开专题会议，传达学习全市国资国企工作会议精神，研究部署贯彻落实举措。集团党委书记、董事长{person}主持会议，领导班子成员，各部门、各所属企业主要负责同志参加会议。",
        "近日，{unit}在{place}举行{project}项目集中开工仪式，此次集中开工项目共{n1}个，总投资{money}亿元，涵盖基础设施、产业园区、民生保障等多个领域。集团党委书记、董事长{person}宣布项目开工。",
        "为深入贯彻落实市委、市政府关于国资国企改革发展的决策部署，{m}月{d}日至{d2}日，{unit}组织调研组深入{place}等{n1}个基层单位，通过实地察看、座谈交流、查阅资料等方式，全面了解各单位生产经营和改革发展情况。",
        "今年以来，{unit}坚持以习近平新时代中国特色社会主义思想为指导，紧紧围绕“稳增长、促改革、防风险、强党建”工作主线，统筹推进各项重点工作，一季度实现营业收入{money}亿元，同比增长{pct}%，利润总额同比增长{pct2}%，主要经济指标实现“开门红”。",
    ];

    private static readonly string[] Middles =
    [
        "会议指出，今年是“十五五”规划的开局之年，也是国有企业改革深化提升行动的关键之年。全集团上下要牢固树立“项目为王”的理念，对照年度目标任务，倒排工期、挂图作战，确保全年完成固定资产投资{money}亿元，同比增长{pct}%以上。要加强与市发展改革委、市规划资源局、市住房城乡建设局等部门的沟通对接，积极争取政策和资金支持。",
        "{person}强调，要坚持创新驱动发展，加大研发投入力度，用好人工智能、5G、BIM和物联网等新技术，推动传统产业数字化、智能化改造，全面提升项目建设和运营管理水平。要持续优化营商环境，主动服务企业和群众，切实把各项惠企政策落到实处。",
        "据了解，{project}项目位于{place}核心区域，总用地面积约{n2}亩，总建筑面积约{n3}万平方米，主要建设综合服务中心、研发办公楼、标准厂房及配套设施。项目建成后，预计可引进企业{n1}家以上，年产值超过{money}亿元，新增就业岗位{n4}个。",
        "在调研座谈中，各单位负责同志分别汇报了生产经营、安全生产、项目建设和党建工作等方面的情况，并就当前面临的困难和问题提出了意见建议。调研组逐一进行了回应，对能够现场解决的问题当场研究解决，对需要协调的问题明确责任部门和完成时限。",
        "会议要求，要压紧压实安全生产责任，全面落实“一岗双责”“党政同责”，深入开展安全生产隐患排查整治行动，对发现的问题建立台账、限期整改、逐项销号，坚决防范和遏制各类生产安全事故发生，确保全集团安全生产形势持续稳定。",
        "一季度，{unit}共完成投资{money}亿元，占年度计划的{pct}%；新签合同额{money2}亿元，同比增长{pct2}%；资产负债率控制在{pct3}%以内，较年初下降{small}个百分点。重点项目建设全面提速，{n1}个续建项目全部复工，{n5}个新建项目已完成前期手续。",
        "会上，与会人员围绕“如何以高质量党建引领企业高质量发展”主题进行了深入交流研讨。大家一致表示，要把学习成果转化为推动工作的实际成效，在服务全市发展大局中展现国企担当、贡献国企力量。",
        "活动期间，{unit}还组织开展了业务技能培训、安全知识竞赛和志愿服务等系列活动，累计参与职工{n4}余人次，进一步营造了比学赶超、争先创优的浓厚氛围，有效提升了干部职工的业务能力和综合素质。",
        "下一步，{unit}将继续深化三项制度改革，健全完善市场化经营机制，全面推行经理层成员任期制和契约化管理，强化考核结果刚性运用，真正实现管理人员能上能下、员工能进能出、收入能增能减。",
    ];

    private static readonly string[] Closings =
    [
        "会议强调，要严格执行中央八项规定及其实施细则精神，持续深化作风建设，驰而不息纠治“四风”，为企业高质量发展提供坚强的纪律保障和作风保障。",
        "{person}要求，各单位要迅速传达会议精神，细化分解目标任务，层层压实工作责任，确保各项工作部署落地见效，以优异成绩向市委、市政府交上一份满意答卷。",
        "此次活动的开展，进一步增强了广大职工的责任意识和担当精神，为推动{unit}全年目标任务顺利完成奠定了坚实基础。",
    ];

    private static readonly string[] PhotoCaptions =
    [
        "图为{project}项目建设现场", "{unit}召开推进会现场（摄影：{person}）", "调研组在{place}实地察看项目进展", "图为{unit}一季度主要经营指标",
        "{unit}青年职工参加技能比武", "防汛应急演练现场", "图为新建成的综合服务中心", "{unit}与合作单位签约现场",
    ];

    private static readonly string[] Briefs =
    [
        "{m}月{d}日，{unit}组织开展“安全生产月”专项检查，共检查在建工地{n1}个，排查整改隐患{n4}处，进一步筑牢了安全生产防线。",
        "{m}月{d}日，{unit}召开财务预算执行情况分析会，对一季度预算执行情况进行了全面梳理，对下一阶段成本管控工作提出了具体要求。",
        "{m}月{d}日，{unit}党委理论学习中心组开展专题学习，围绕深化国资国企改革进行交流研讨。",
        "近日，{unit}所属{place}项目顺利通过省级绿色建筑评价，获得二星级绿色建筑标识。",
        "{m}月{d}日至{d2}日，{unit}举办中层管理人员能力提升培训班，{n1}名中层管理人员参加培训。",
        "{m}月{d}日，{unit}与市人力资源和社会保障局联合举办高校毕业生专场招聘会，提供就业岗位{n4}个。",
        "近日，{unit}“{project}”案例入选全省国有企业数字化转型典型案例。",
        "{m}月{d}日，{unit}组织开展消防安全知识培训和应急疏散演练，{n4}余名职工参加。",
    ];

    /// <summary>Builds the issue; photos are generated on every call (about a second in all), so callers keep one.</summary>
    public static IssueDocument Create()
    {
        var random = new Random(20260309);
        var photoSlots = new HashSet<int> { 0, 2, 4, 5, 8, 10, 12, 14, 16, 18 };
        var chartSlots = new HashSet<int> { 5, 12, 18 };
        var articles = new List<(string Column, IssueArticle Article)>();
        var photoNumber = 0;
        for (var i = 0; i < ArticleCount; i++)
        {
            var vars = Variables(random, i);
            var paragraphs = new List<string> { Fill(Openings[i % Openings.Length], vars) };
            // Bulletin articles run from about 150 to 500 characters; this mix (tuned by hand) gives the issue its 16 pages.
            if (LongArticles.Contains(i))
            {
                paragraphs.Add(Fill(Middles[i % Middles.Length], vars));
            }

            if (i % 5 == 0)
            {
                paragraphs.Add(Fill(Closings[i % Closings.Length], vars));
            }

            var photos = new List<IssuePhoto>();
            if (photoSlots.Contains(i))
            {
                var chart = chartSlots.Contains(i);
                var side = !chart && photoNumber % 3 == 1;
                var data = chart
                    ? GeneratedImages.Chart(960, 540, seed: i)
                    : side ? GeneratedImages.Photo(800, 600, seed: i) : GeneratedImages.Photo(1280, 720, seed: i);
                photos.Add(new IssuePhoto
                {
                    Data = data,
                    Caption = Fill(PhotoCaptions[photoNumber % PhotoCaptions.Length], vars),
                    Placement = side ? PhotoPlacement.Side : PhotoPlacement.FullWidth,
                    ParagraphIndex = side ? 1 : 0,
                });
                photoNumber++;
            }

            articles.Add((Titles[i].Column, new IssueArticle
            {
                Title = Fill(Titles[i].Title, vars),
                Paragraphs = paragraphs,
                CreditLine = $"【供稿：{vars["unit"]} {People[(i + 3) % People.Length]}】",
                Photos = photos,
            }));
        }

        var columns = articles
            .GroupBy(a => a.Column)
            .Select(g => new IssueColumn { Name = g.Key, Articles = [.. g.Select(a => a.Article)] })
            .ToList();
        var briefs = new List<IssueArticle>();
        for (var k = 0; k < BriefCount; k++)
        {
            var vars = Variables(random, 3 + k);
            briefs.Add(new IssueArticle
            {
                Title = k % 3 == 0 ? Fill(k == 0 ? "{unit}筑牢安全生产防线" : "{unit}扎实推进重点工作", vars) : null,
                Paragraphs = [Fill(Briefs[k], vars)],
            });
        }

        columns.Add(new IssueColumn { Name = "简讯", IsBriefs = true, Articles = briefs });

        return new IssueDocument
        {
            SeriesName = "国资简讯",
            IssueLabel = "2026年第5期",
            TotalNumber = "总第123期",
            Issuer = "市国资委办公室编",
            Date = new DateOnly(2026, 3, 9),
            EditorsNote = "本期集中刊发各监管企业一季度重点项目推进、改革发展和党建工作情况，请各单位结合实际认真学习借鉴，抓好贯彻落实。",
            Columns = columns,
            Distribution = new Distribution
            {
                Bao = "市委办公厅，市政府办公厅，市人大常委会办公厅，市政协办公厅。",
                Song = "市发展改革委，市财政局，市审计局，市统计局。",
                Fa = "委机关各处室，各监管企业。",
            },
            Copies = 60,
        };
    }

    private static Dictionary<string, string> Variables(Random random, int i)
    {
        string N(int min, int max) => random.Next(min, max).ToString(CultureInfo.InvariantCulture);
        string D(double min, double max) => (min + (random.NextDouble() * (max - min))).ToString("0.0", CultureInfo.InvariantCulture);
        var day = random.Next(1, 25);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["unit"] = Units[i % Units.Length],
            ["person"] = People[i % People.Length],
            ["place"] = Places[i % Places.Length],
            ["project"] = Projects[i % Projects.Length],
            ["m"] = N(2, 4),
            ["d"] = day.ToString(CultureInfo.InvariantCulture),
            ["d2"] = (day + 2).ToString(CultureInfo.InvariantCulture),
            ["n1"] = N(6, 30),
            ["n2"] = N(120, 900),
            ["n3"] = N(8, 60),
            ["n4"] = N(200, 1500),
            ["n5"] = N(3, 12),
            ["money"] = D(5, 60),
            ["money2"] = D(10, 90),
            ["pct"] = D(5, 30),
            ["pct2"] = D(3, 20),
            ["pct3"] = D(55, 68),
            ["small"] = D(0.5, 3),
        };
    }

    private static string Fill(string template, Dictionary<string, string> vars)
    {
        var text = template;
        foreach (var (key, value) in vars)
        {
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return text;
    }
}
