namespace Jianxun.Core.Notifications;

/// <summary>A message in the application for one user (e.g. "您的稿件已被采用").</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public DateTime At { get; set; }
    public required string Text { get; set; }
    public string? Link { get; set; }
    public DateTime? ReadAt { get; set; }
}
