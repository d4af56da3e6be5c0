using System.Collections.Concurrent;
using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Notifications;
using Jianxun.Core.Submissions;
using Jianxun.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Core.Tests;

/// <summary>Records mail instead of sending it: the only fake in the suite, named as such.</summary>
public sealed class FakeMailSender : IMailSender
{
    public ConcurrentQueue<(string To, string Subject, string Body)> Sent { get; } = new();

    public Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        Sent.Enqueue((to, subject, body));
        return Task.CompletedTask;
    }
}

public sealed class FailingFakeMailSender : IMailSender
{
    public Task SendAsync(string to, string subject, string body, CancellationToken ct) => throw new System.Net.Mail.SmtpException("mail server down");
}

public sealed class NotificationTests
{
    private static async Task<Actor> ActorAsync(CoreHarness h, string userName)
        => await h.RunAsync<UserManager<AppUser>, Actor>(async users =>
        {
            var u = (await users.FindByNameAsync(userName))!;
            return new Actor(u.Id, u.UserName!, u.UnitId, (await users.GetRolesAsync(u)).ToHashSet(StringComparer.Ordinal), u.DisplayName);
        });

    [Fact]
    public async Task Adopt_WithFakeMailSender_NotifiesTheWriterInAppAndByMail()
    {
        var mail = new FakeMailSender();
        await using var h = await CoreHarness.StartAsync(DatabaseKind.Sqlite, configure: s => s.AddSingleton<IMailSender>(mail));
        await h.RunAsync<UserManager<AppUser>>(async users => await users.SetEmailAsync((await users.FindByNameAsync("contributor2"))!, "writer@example.invalid"));
        var writer = await ActorAsync(h, "contributor2");
        var editor = await ActorAsync(h, "editor");

        var s = await h.RunAsync<SubmissionHandlers, SubmissionDto>(x => x.CreateAsync(writer, new SaveSubmissionRequest("产发集团召开安全例会", ["会议部署了近期安全工作。"], null, null, ["孙嘉禾"], null), default));
        await h.RunAsync<SubmissionHandlers, SubmissionDto>(x => x.MoveAsync(writer, s.Id, WorkflowAction.Submit, new MoveRequest(), default));
        var column = (await h.RunAsync<Organisation.SeriesHandlers, IReadOnlyList<Organisation.SeriesDto>>(x => x.ListAsync(false, default)))[0].Columns[1].Id;
        await h.RunAsync<SubmissionHandlers, SubmissionDto>(x => x.MoveAsync(editor, s.Id, WorkflowAction.Adopt, new MoveRequest(null, column), default));

        var mine = await h.RunAsync<Notifier, IReadOnlyList<NotificationDto>>(x => x.ListAsync(writer, unreadOnly: true, default));
        Assert.Contains(mine, n => n.Text == "稿件《产发集团召开安全例会》已被采用。" && n.Link == $"/submissions/{s.Id}");
        var sent = Assert.Single(mail.Sent, m => m.To == "writer@example.invalid");
        Assert.Contains("已被采用", sent.Body);
    }

    [Fact]
    public async Task Move_WhenFakeMailSenderFails_StillSucceeds()
    {
        await using var h = await CoreHarness.StartAsync(DatabaseKind.Sqlite, configure: s => s.AddSingleton<IMailSender, FailingFakeMailSender>());
        await h.RunAsync<UserManager<AppUser>>(async users => await users.SetEmailAsync((await users.FindByNameAsync("editor"))!, "editor@example.invalid"));
        var writer = await ActorAsync(h, "contributor2");
        var s = await h.RunAsync<SubmissionHandlers, SubmissionDto>(x => x.CreateAsync(writer, new SaveSubmissionRequest("标题", ["正文。"], null, null, null, null), default));

        var moved = await h.RunAsync<SubmissionHandlers, SubmissionDto>(x => x.MoveAsync(writer, s.Id, WorkflowAction.Submit, new MoveRequest(), default));
        Assert.Equal(nameof(SubmissionStatus.Submitted), moved.Status);
    }
}
