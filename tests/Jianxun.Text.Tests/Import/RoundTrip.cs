using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Jianxun.Publishing;

namespace Jianxun.Text.Tests.Import;

/// <summary>Invented issues for round trips, and the comparison of an issue with what a reader got back.</summary>
internal static class RoundTrip
{
    /// <summary>The writers in the credit lines of <see cref="Issue"/>, and the people who act in its bodies with their titles.</summary>
    public static readonly IssuePeople People = new(
        new HashSet<string>(["邵明川", "温若溪", "陆佳禾", "程远"], StringComparer.Ordinal),
        new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["宋怀远"] = ["集团党委书记", "董事长"],
            ["戴秋岚"] = ["党委副书记", "总经理"],
            ["季文博"] = ["公司总经理"],
            ["华振邦"] = ["区国资委党委书记", "主任"],
        });

    public static IssueDocument Issue(bool photos = true, int extraArticles = 0)
    {
        var news = new List<IssueArticle>
        {
            new()
            {
                Title = "滨湖城投集团召开2025年第二季度安全生产暨防汛工作部署会议",
                Paragraphs =
                [
                    "6月12日上午，滨湖城投集团召开第二季度安全生产暨防汛工作部署会议，集团党委书记、董事长宋怀远出席会议并讲话，党委副书记、总经理戴秋岚主持会议。",
                    "宋怀远指出，当前已进入主汛期，各单位要牢固树立底线思维，对在建工地、地下空间和老旧厂房开展拉网式排查，做到隐患不清零不收兵。要完善应急预案，备足抢险物资，确保关键时刻拉得出、用得上。",
                    "会议要求，一是压实责任链条，层层签订责任书；二是强化值班值守，严格执行24小时带班制度；三是加强信息报送，重大险情第一时间上报。",
                ],
                CreditLine = "【供稿：滨湖城投集团 安全管理部 邵明川 温若溪】",
                Photos = photos ? [new IssuePhoto { Data = Png(120, 90), Caption = "图为会议现场", Placement = PhotoPlacement.Side, ParagraphIndex = 1 }] : [],
            },
            new()
            {
                Title = "港区物流公司开展“质量月”主题活动",
                Paragraphs =
                [
                    "近日，港区物流公司围绕“质量月”主题，组织开展岗位技能比武、质量知识竞赛和QC成果发布等系列活动，共有126名一线员工参加。",
                    "公司总经理季文博表示，要以此次活动为契机，持续提升服务质量，打造“港区物流”服务品牌。",
                ],
                CreditLine = "【供稿：港区物流公司】",
                Photos = photos ? [new IssuePhoto { Data = Png(320, 150), Caption = "技能比武现场（摄影：卢一鸣）", Placement = PhotoPlacement.FullWidth, ParagraphIndex = 0 }] : [],
            },
        };
        for (var i = 0; i < extraArticles; i++)
        {
            news.Add(new IssueArticle
            {
                Title = $"区属企业第{i + 1}批重点项目集中开工",
                Paragraphs =
                [
                    $"6月{i + 1}日，区属企业第{i + 1}批重点项目集中开工，总投资约{12 + i}.5亿元，涵盖产业园区、城市更新和公共服务等领域。",
                    "区国资委党委书记、主任华振邦要求，各企业要倒排工期、挂图作战，全力以赴推进项目建设，确保早日建成投用、发挥效益。",
                    "据了解，今年以来区属企业累计完成投资同比增长百分之十二，为全区经济稳定增长提供了有力支撑。",
                ],
                CreditLine = "【供稿：区国资委规划发展科 陆佳禾】",
            });
        }

        return new IssueDocument
        {
            SeriesName = "国资简讯",
            IssueLabel = "2025年第12期",
            TotalNumber = "总第88期",
            Issuer = "滨湖区国资委办公室编",
            Date = new DateOnly(2025, 6, 30),
            EditorsNote = "本期集中刊发区属企业安全生产工作情况，供各单位交流借鉴。",
            Columns =
            [
                new IssueColumn
                {
                    Name = "国企动态",
                    Articles = news,
                },
                new IssueColumn
                {
                    Name = "[基层风采]",
                    Articles =
                    [
                        new IssueArticle
                        {
                            Title = "文旅公司志愿服务队走进社区",
                            Paragraphs = ["6月8日，文旅公司志愿服务队走进湖畔社区，开展文明宣讲和义务维修活动，为居民修理家电40余件。"],
                        },
                    ],
                },
                new IssueColumn
                {
                    Name = "简讯",
                    IsBriefs = true,
                    Articles =
                    [
                        new IssueArticle { Paragraphs = ["6月3日，水务集团完成城南水厂二期设备调试，日供水能力提升至15万吨。"] },
                        new IssueArticle { Title = "能源集团发行绿色债券", Paragraphs = ["6月5日，能源集团成功发行5亿元绿色公司债券，票面利率2.35%，创同期同类债券新低。"] },
                        new IssueArticle { Paragraphs = ["6月9日，城建集团承建的滨湖大道改造工程通过竣工验收。"], CreditLine = "【供稿：城建集团 程远】" },
                    ],
                },
            ],
            Distribution = new Distribution { Bao = "区委办公室，区政府办公室。", Fa = "各区属企业。" },
            Copies = 40,
        };
    }

    /// <summary>Column names, titles, paragraphs, credits and brief numbers of the issue equal what was read back.</summary>
    public static void AssertMatches(IssueDocument issue, ParsedBulletin read)
    {
        Assert.Equal(issue.Columns.Select(c => c.Name.Trim('[', ']', '【', '】')), read.Sections.Select(s => s.Name));
        for (var c = 0; c < issue.Columns.Count; c++)
        {
            var column = issue.Columns[c];
            var section = read.Sections[c];
            Assert.Equal(column.Articles.Count, section.Articles.Count);
            for (var a = 0; a < column.Articles.Count; a++)
            {
                var expected = column.Articles[a];
                var actual = section.Articles[a];
                var where = $"{column.Name} #{a + 1}";
                if (column.IsBriefs)
                {
                    Assert.Null(actual.Title);
                    Assert.Equal(a + 1, actual.Number);
                    var lead = expected.Title is null ? string.Empty : expected.Title + "。";
                    Assert.Equal([lead + expected.Paragraphs[0]], actual.Paragraphs);
                }
                else
                {
                    Assert.True(expected.Title == actual.Title, $"{where}: title '{actual.Title}'");
                    Assert.Equal(expected.Paragraphs.Select(p => TextNormalizer.Normalize(p)), actual.Paragraphs);
                }

                var credit = expected.CreditLine?.Trim('【', '】')["供稿：".Length..].Split(' ');
                Assert.True((credit is null) == (actual.Credit is null), $"{where}: credit");
                if (credit is not null)
                {
                    Assert.Equal(credit, actual.Credit!.Units.Concat(actual.Credit.Authors));
                }
            }
        }
    }

    /// <summary>A small RGB PNG (a stand-in photo).</summary>
    public static byte[] Png(int width, int height)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                raw.WriteByte((byte)(40 + (180 * x / width)));
                raw.WriteByte((byte)(90 + (120 * y / height)));
                raw.WriteByte(120);
            }
        }

        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(z);
        }

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        stream.Write(buffer);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, Crc(typed));
        stream.Write(buffer);
    }

    private static uint Crc(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
