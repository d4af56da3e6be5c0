using System.Net.Mail;
using Jianxun.Core.Accounts;
using Jianxun.Core.Common;
using Jianxun.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Notifications;

public sealed record NotificationDto(long Id, DateTime At, string Text, string? Link, bool IsRead);

/// <summary>Sends e-mail. The SMTP sender is used when <c>Jianxun:Smtp:Host</c> is set; tests use a fake and say so.</summary>
public interface IMailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken ct);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "jianxun@localhost";
}

/// <summary>Does nothing: the default when no SMTP server is configured.</summary>
internal sealed class NoMailSender : IMailSender
{
    public Task SendAsync(string to, string subject, string body, CancellationToken ct) => Task.CompletedTask;
}

internal sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var o = options.Value;
        using var client = new SmtpClient(o.Host, o.Port) { EnableSsl = o.EnableSsl };
        if (!string.IsNullOrEmpty(o.UserName))
        {
            client.Credentials = new System.Net.NetworkCredential(o.UserName, o.Password);
        }
        using var message = new MailMessage(o.From, to, subject, body);
        await client.SendMailAsync(message, ct);
    }
}

/// <summary>Notifies the users a workflow move concerns: in the application always, by e-mail when configured.</summary>
public sealed partial class Notifier(AppDbContext db, IMailSender mail, TimeProvider clock, ILogger<Notifier> logger)
{
    /// <summary>Queues notifications in the current unit of work; e-mail goes out after the caller saved.</summary>
    public async Task<IReadOnlyList<(string Email, string Text)>> NotifyAsync(IEnumerable<int> userIds, string text, string? link, int? exceptUserId, CancellationToken ct)
    {
        var ids = userIds.Where(id => id != exceptUserId).Distinct().ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in ids)
        {
            db.Notifications.Add(new Notification { UserId = id, At = now, Text = text, Link = link });
        }
        var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Email != null && u.IsActive).Select(u => u.Email!).ToListAsync(ct);
        return [.. emails.Select(e => (e, text))];
    }

    /// <summary>Sends the queued e-mails; a mail failure is logged and never undoes the move.</summary>
    public async Task SendMailAsync(IReadOnlyList<(string Email, string Text)> mails, CancellationToken ct)
    {
        foreach (var (email, text) in mails)
        {
            try
            {
                await mail.SendAsync(email, "简讯通知：" + (text.Length > 30 ? text[..30] + "…" : text), text, ct);
            }
            catch (Exception e) when (e is SmtpException or InvalidOperationException or IOException)
            {
                LogMailFailed(logger, e, email);
            }
        }
    }

    public async Task<IReadOnlyList<int>> UsersInRoleAsync(string role, int? unitId, CancellationToken ct)
        => await (from u in db.Users
                  join ur in db.UserRoles on u.Id equals ur.UserId
                  join r in db.Roles on ur.RoleId equals r.Id
                  where r.Name == role && u.IsActive && (unitId == null || u.UnitId == unitId)
                  select u.Id).Distinct().ToListAsync(ct);

    public async Task<IReadOnlyList<NotificationDto>> ListAsync(Actor actor, bool unreadOnly, CancellationToken ct)
        => await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == actor.UserId && (!unreadOnly || n.ReadAt == null))
            .OrderByDescending(n => n.Id).Take(100)
            .Select(n => new NotificationDto(n.Id, n.At, n.Text, n.Link, n.ReadAt != null))
            .ToListAsync(ct);

    public async Task<int> CountUnreadAsync(Actor actor, CancellationToken ct)
        => await db.Notifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAt == null, ct);

    public async Task MarkAllReadAsync(Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == actor.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    [LoggerMessage(1, LogLevel.Warning, "Notification e-mail to {Email} failed")]
    private static partial void LogMailFailed(ILogger logger, Exception exception, string email);
}
