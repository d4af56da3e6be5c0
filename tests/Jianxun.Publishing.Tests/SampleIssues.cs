using Jianxun.Testing;
namespace Jianxun.Publishing.Tests;

/// <summary>Invented test content shaped like a real 简讯 issue.</summary>
internal static class SampleIssues
{
    private static readonly string[] Units = ["滨江集团", "港航公司", "城建集团", "水务集团", "文旅公司", "能源集团"];
    private static readonly string[] People = ["林书远", "何晓岚", "周启明", "韩雪梅", "唐振华", "苏立言"];

    public static IssueDocument Standard(int articleCount = 3, bool photos = true, int briefCount = 3)
    {
        var articles = Enumerable.Range(1, articleCount).Select(i => Article(i, photos && i == 1, photos && i == 2)).ToList();
        var leaders = articles.Take(Math.Max(1, articleCount / 3)).ToList();
        var news = articles.Skip(leaders.Count).ToList();
        var columns = new List<IssueColumn> { new() { Name = "[领导关注]", Articles = leaders } };
        if (news.Count > 0)
        {
            columns.Add(new IssueColumn { Name = "国企动态", Articles = news });
        }

        if (briefCount > 0)
        {
            columns.Add(new IssueColumn
            {
                Name = "简讯",
                IsBriefs = true,
                Articles = [.. Enumerable.Range(1, briefCount).Select(Brief)],
            });
        }

        return new IssueDocument
        {
            SeriesName = "国资简讯",
            IssueLabel = "2026年第5期",
            TotalNumber = "总第123期",
            Issuer = "市国资委办公室编",
            Date = new DateOnly(2026, 3, 9),
            EditorsNote = "本期刊发一季度重点项目推进情况，请各单位结合实际认真学习借鉴，抓好贯彻落实。",
            Columns = columns,
            Distribution = new Distribution
            {
                Bao = "市委办公厅，市政府办公厅，市人大常委会办公厅，市政协办公厅。",
                Song = "市发展改革委，市财政局，市审计局。",
                Fa = "委机关各处室，各监管企业。",
            },
            Copies = 60,
        };
    }

    public static IssueArticle Article(int i, bool sidePhoto = false, bool fullPhoto = false)
    {
        var unit = Units[i % Units.Length];
        var person = People[i % People.Length];
        var photos = new List<IssuePhoto>();
        if (sidePhoto)
        {
            photos.Add(new IssuePhoto { Data = TestImages.Png(120, 90), Caption = $"图为{unit}项目现场", Placement = PhotoPlacement.Side });
        }

        if (fullPhoto)
        {
            photos.Add(new IssuePhoto { Data = TestImages.Png(320, 160), Caption = $"{unit}召开推进会（摄影：{person}）", Placement = PhotoPlacement.FullWidth, ParagraphIndex = 0 });
        }

        return new IssueArticle
        {
            Title = $"{unit}召开2026年第{i}次重点项目推进会暨“智慧园区”建设现场观摩活动",
            Paragraphs =
            [
                $"3月{i}日上午，{unit}在新城产业园召开重点项目推进会，集团党委书记、董事长{person}出席会议并讲话。会议听取了各项目公司关于一季度工作进展的汇报，逐项研究解决了用地、资金和审批等方面的12个具体问题。",
                $"{person}指出，今年是“十五五”规划的开局之年，全集团要牢固树立“项目为王”的理念，对照年度目标任务，倒排工期、挂图作战，确保全年完成投资35.6亿元，同比增长8.5%以上。要加强与市发展改革委、市规划资源局等部门的沟通对接，用好AI、5G和BIM等新技术，全面提升项目管理水平。",
                "会议强调，要压紧压实安全生产责任，落实“一岗双责”，坚决守住安全底线；要严格执行中央八项规定精神，持续深化作风建设，为高质量发展提供坚强保障。",
            ],
            CreditLine = $"【供稿：{unit} {person}】",
            Photos = photos,
        };
    }

    public static IssueArticle Brief(int i)
    {
        var unit = Units[(i + 2) % Units.Length];
        return new IssueArticle
        {
            Title = i % 2 == 0 ? $"{unit}完成年度首笔绿色债券发行" : null,
            Paragraphs = [$"3月{i + 3}日，{unit}组织开展“安全生产月”专项检查，共检查在建工地{i + 5}个，排查整改隐患{10 + i}处，进一步筑牢了安全生产防线。"],
            CreditLine = i == 1 ? $"【供稿：{unit} 方正平】" : null,
        };
    }
}
