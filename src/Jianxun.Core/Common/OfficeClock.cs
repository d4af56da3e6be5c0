using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Jianxun.Core.Common;

/// <summary>
/// The one clock of Jianxun: the current instant comes from an inner <see cref="TimeProvider"/> (the system's, or a test's),
/// and "local" always means the office's time zone (<c>Jianxun:TimeZone</c>, default Asia/Shanghai), never the server's.
/// So <c>GetLocalNow()</c>, <see cref="OfficeTime.OfficeToday"/> and every date shown or defaulted agree on every machine.
/// </summary>
public sealed class OfficeClock(TimeProvider instant, TimeZoneInfo zone) : TimeProvider
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    public TimeProvider Instant { get; } = instant;

    public override DateTimeOffset GetUtcNow() => Instant.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => zone;

    public override long GetTimestamp() => Instant.GetTimestamp();

    public override long TimestampFrequency => Instant.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => Instant.CreateTimer(callback, state, dueTime, period);

    /// <summary>
    /// The zone for an id such as <c>Asia/Shanghai</c> (IANA or Windows ids). China has kept UTC+8 without daylight saving since
    /// 1991, so the default still works on a machine without time-zone data; any other unknown id is an error at start.
    /// </summary>
    public static TimeZoneInfo FindZone(string? id)
        => TryFindZone(id, out var zone)
            ? zone
            : throw new InvalidOperationException($"Jianxun:TimeZone 设置的时区“{id}”在本机不存在，请使用如 Asia/Shanghai 的时区名称。");

    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        id = string.IsNullOrWhiteSpace(id) ? DefaultTimeZone : id.Trim();
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
        {
            zone = found;
            return true;
        }
        zone = TimeZoneInfo.CreateCustomTimeZone(DefaultTimeZone, TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");
        return string.Equals(id, DefaultTimeZone, StringComparison.OrdinalIgnoreCase);
    }
}

public static class OfficeTime
{
    /// <summary>Today's date in the office.</summary>
    public static DateOnly OfficeToday(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>A stored UTC time as the office's wall-clock time, for display and for the day it belongs to.</summary>
    public static DateTime ToOffice(this TimeProvider clock, DateTime utc)
        => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone);

    /// <summary>The office date of a stored UTC time.</summary>
    public static DateOnly OfficeDate(this TimeProvider clock, DateTime utc) => DateOnly.FromDateTime(clock.ToOffice(utc));

    /// <summary>The UTC instant at which an office day begins (midnight in the office).</summary>
    public static DateTime OfficeDayStartUtc(this TimeProvider clock, DateOnly day)
        => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), clock.LocalTimeZone);

    /// <summary>
    /// Registers the office clock over <paramref name="instant"/> (the system clock unless a test gives its own), in the zone that
    /// <c>Jianxun:TimeZone</c> names. The last call wins, so a test replaces the instant and keeps the office's zone.
    /// </summary>
    public static IServiceCollection UseClock(this IServiceCollection services, TimeProvider instant)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(sp => new OfficeClock(instant, OfficeClock.FindZone(sp.GetRequiredService<IOptions<Data.JianxunOptions>>().Value.TimeZone)));
        return services;
    }
}
