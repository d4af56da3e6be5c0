using System.Globalization;
using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Jianxun.Core.Scoring;
using Jianxun.Core.Submissions;
using Jianxun.Testing;
using Jianxun.Text;

namespace Jianxun.Core.Tests;

/// <summary>
/// Each limit is one constant (issue 18): the refusal names the number the constant holds, and the database column is
/// as wide as the constant allows. Each database (PostgreSQL only where configured).
/// </summary>
public abstract class LimitsTests(DatabaseKind kind)
{
    private static readonly Actor Contributor = new(5, "contributor", 3, new HashSet<string> { Roles.Contributor });

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static SaveSubmissionRequest Article(string title = "限值测试稿件", IReadOnlyList<string>? authors = null, string? phone = null)
        => new(title, ["一段正文。"], TestClock.OfficeToday, [3], authors ?? ["林小禾"], null, phone);

    private async Task<ValidationException> RefusedAsync(SaveSubmissionRequest request)
    {
        await using var h = await CoreHarness.StartAsync(kind);
        return await Assert.ThrowsAsync<ValidationException>(() => h.RunAsync<SubmissionHandlers, SubmissionDto>(x => x.CreateAsync(Contributor, request, default)));
    }

    [SkippableFact]
    public async Task CreateSubmission_TitleOneOverTheLimit_IsRefusedNamingTheLimit()
    {
        var e = await RefusedAsync(Article(title: new string('字', SubmissionHandlers.MaxTitleLength + 1)));
        Assert.Equal([$"标题不能超过 {N(SubmissionHandlers.MaxTitleLength)} 个字。"], e.Errors["title"]);
    }

    [SkippableFact]
    public async Task CreateSubmission_TooManyOrTooLongAuthors_IsRefusedNamingTheLimits()
    {
        var many = Enumerable.Range(0, SubmissionHandlers.MaxAuthors + 1).Select(i => "作者" + N(i)).ToList();
        Assert.Contains($"作者最多 {N(SubmissionHandlers.MaxAuthors)} 人。", (await RefusedAsync(Article(authors: many))).Errors["authors"]);
        var longName = new string('名', SubmissionHandlers.MaxAuthorNameLength + 1);
        Assert.Contains($"作者姓名不能超过 {N(SubmissionHandlers.MaxAuthorNameLength)} 个字。", (await RefusedAsync(Article(authors: [longName]))).Errors["authors"]);
    }

    [SkippableFact]
    public async Task CreateSubmission_PhoneOneOverTheLimit_IsRefusedNamingTheLimit()
    {
        var e = await RefusedAsync(Article(phone: new string('1', SubmissionHandlers.MaxContactPhoneLength + 1)));
        Assert.Equal([$"联系电话不能超过 {N(SubmissionHandlers.MaxContactPhoneLength)} 个字。"], e.Errors["contactPhone"]);
    }

    [SkippableFact]
    public async Task Columns_AreAsWideAsTheLimits()
    {
        await using var h = await CoreHarness.StartAsync(kind, seed: false);
        var widths = await h.RunAsync<AppDbContext, int[]>(db =>
        {
            int Width<T>(string property) => db.Model.FindEntityType(typeof(T))!.FindProperty(property)!.GetMaxLength() ?? -1;
            return Task.FromResult(new[]
            {
                Width<Submission>(nameof(Submission.Title)), Width<SubmissionRevision>(nameof(SubmissionRevision.Title)),
                Width<Submission>(nameof(Submission.ContactPhone)), Width<SubmissionPhoto>(nameof(SubmissionPhoto.Caption)),
            });
        });
        Assert.Equal([SubmissionHandlers.MaxTitleLength, SubmissionHandlers.MaxTitleLength, SubmissionHandlers.MaxContactPhoneLength, SubmissionHandlers.MaxCaptionLength],
            widths);
    }
}

public sealed class SqliteLimitsTests() : LimitsTests(DatabaseKind.Sqlite);

public sealed class PostgresLimitsTests() : LimitsTests(DatabaseKind.Postgres);

/// <summary>The upload refusals (no database): each names its limit from <see cref="UserFileLimits"/>.</summary>
public sealed class UploadLimitTests
{
    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void UploadRefusals_NameTheFileLimitsInMegabytes()
    {
        Assert.Equal($"图片不能超过 {N(UserFileLimits.MaxPhotoBytes / 1024 / 1024)} MB。", SubmissionHandlers.PhotoTooLarge);
        Assert.Equal($"批示扫描件不能超过 {N(UserFileLimits.MaxScanBytes / 1024 / 1024)} MB。", ScoreHandlers.ScanTooLarge);
        SubmissionHandlers.RefuseOversizedPhoto(UserFileLimits.MaxPhotoBytes);
        ScoreHandlers.RefuseOversizedScan(UserFileLimits.MaxScanBytes);
        Assert.Equal(SubmissionHandlers.PhotoTooLarge, Assert.Throws<ValidationException>(() => SubmissionHandlers.RefuseOversizedPhoto(UserFileLimits.MaxPhotoBytes + 1)).Errors["file"].Single());
        Assert.Equal(ScoreHandlers.ScanTooLarge, Assert.Throws<ValidationException>(() => ScoreHandlers.RefuseOversizedScan(UserFileLimits.MaxScanBytes + 1)).Errors["scan"].Single());
    }
}
