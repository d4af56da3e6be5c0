using Jianxun.Core.Submissions;

namespace Jianxun.Core.Demo;

/// <summary>Invented articles for the demo organisation, in the style of a district SOE bulletin.</summary>
internal static class DemoArticles
{
    public sealed record Article(string Author, string Title, string[] Paragraphs, string[] Writers, int DaysAgo, string Column, SubmissionStatus Target,
        string? Comment = null, string[]? JointUnits = null);

    public static IReadOnlyList<Article> All { get; } =
    [
        new("contributor", "城投集团开展汛前安全生产隐患排查专项行动",
            [
                "为切实做好汛期安全防范工作，城投集团近日组织开展汛前安全生产隐患排查专项行动，由集团领导带队，分四个检查组深入在建工地、地下管廊和老旧厂房开展拉网式排查。",
                "检查组重点查看了基坑支护、临时用电、排水设施和应急物资储备情况，对发现的问题现场交办、限期整改。截至目前，共排查点位46处，发现并整改隐患23项。",
            ], ["林小禾"], 3, "国企动态", SubmissionStatus.Draft),
        new("contributor", "城投集团召开2026年度工作会议",
            [
                "日前，城投集团召开2026年度工作会议，总结2025年工作成效，部署2026年重点任务。集团党委书记、董事长周启明出席会议并讲话。",
                "会议指出，2025年集团完成投资38.6亿元，同比增长9.2%，城市更新、片区开发等重点项目均按计划推进。会议要求，全年要聚焦主责主业，坚持“项目为王”，确保重点项目早开工、早见效。",
            ], ["林小禾", "赵思远"], 6, "国企动态", SubmissionStatus.AwaitingUnitReview),
        new("contributor2", "产发集团新材料产业园一期项目开工建设",
            [
                "近日，产发集团新材料产业园一期项目正式开工。项目总投资12.5亿元，规划建设标准厂房、研发楼及配套设施，建成后可容纳企业40余家。",
                "区国资委党委书记、主任韩立新出席开工仪式，要求项目建设单位倒排工期、挂图作战，确保年底前主体结构封顶。",
            ], ["孙嘉禾"], 2, "国资动态", SubmissionStatus.Submitted),
        new("contributor2", "产发集团与云澜职业技术学院签订校企合作协议",
            [
                "为深化产教融合，产发集团与云澜职业技术学院签订校企合作协议，双方将在人才培养、技术攻关和实训基地建设等方面开展合作。",
                "根据协议，产发集团将每年提供不少于60个实习岗位，学院将为集团员工开设技能提升课程。",
            ], ["孙嘉禾"], 9, "国企动态", SubmissionStatus.Adopted),
        new("contributor", "城投集团“党建+项目”助推重点工程提速",
            [
                "今年以来，城投集团以“党建+项目”为抓手，在重点工程一线成立党员突击队12支，设立党员先锋岗35个，推动党建工作与项目建设深度融合。",
                "在滨河片区改造项目中，党员突击队攻坚克难，提前20天完成拆迁扫尾工作，为项目顺利推进赢得了时间。",
            ], ["林小禾"], 12, "领导关注", SubmissionStatus.Returned, "请补充项目的具体成效数据，并核实“提前20天”的说法。"),
        new("contributor2", "产发集团组织观看廉政警示教育片",
            [
                "近日，产发集团组织全体中层以上管理人员观看廉政警示教育片，引导党员干部筑牢思想防线。",
            ], ["孙嘉禾"], 15, "国企动态", SubmissionStatus.Declined, "内容较单薄，本期不采用，可结合后续专题活动一并报送。"),
        new("contributor2", "产发集团举办职工趣味运动会",
            [
                "为丰富职工文化生活，产发集团举办职工趣味运动会，设置拔河、跳绳、接力等项目，200余名职工参加。",
            ], ["孙嘉禾"], 20, "简讯", SubmissionStatus.Withdrawn),
        new("contributor2", "产发集团完成首笔供应链金融业务",
            [
                "3月上旬，产发集团下属商业保理公司完成首笔供应链金融业务，为区内3家中小企业提供融资服务1200万元。",
            ], ["孙嘉禾"], 5, "简讯", SubmissionStatus.Adopted),
        new("contributor", "城投集团与产发集团联合开展“国企开放日”活动",
            [
                "近日，城投集团与产发集团联合开展“国企开放日”活动，邀请社区居民代表、人大代表和媒体记者走进重点项目现场，了解国企在城市建设和产业发展中的作为。",
                "活动中，参观人员先后来到滨河片区改造项目和新材料产业园，听取项目建设情况介绍，并就居民关心的问题进行了交流。",
            ], ["林小禾", "孙嘉禾"], 4, "国资动态", SubmissionStatus.Submitted, JointUnits: ["城投集团", "产发集团"]),
    ];
}
