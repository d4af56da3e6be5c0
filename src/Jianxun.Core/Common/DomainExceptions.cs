namespace Jianxun.Core.Common;

/// <summary>Base of the errors a handler raises on purpose; the web layer maps each to a ProblemDetails status.</summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>The thing does not exist, or the caller may not know that it exists (404).</summary>
public sealed class NotFoundException(string message) : DomainException(message);

/// <summary>The caller may not do this (403).</summary>
public sealed class ForbiddenException(string message) : DomainException(message);

/// <summary>The server cannot do this now for a reason of its own, not the request's (503), e.g. a missing PDF reader (ADR-019).</summary>
public sealed class ServiceUnavailableException(string message) : DomainException(message);

/// <summary>The request conflicts with the current state (409); <see cref="Latest"/> carries the current version when useful.</summary>
public sealed class ConflictException(string message, object? latest = null) : DomainException(message)
{
    public object? Latest { get; } = latest;
}

/// <summary>The request is invalid; <see cref="Errors"/> maps field names to readable (Chinese) messages (400).</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException(string.Join("；", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Collects field errors, then throws one <see cref="ValidationException"/>.</summary>
public sealed class Validator
{
    /// <summary>The most ids (units, articles) one request may list: far above any real registry, far below SQL's parameter limits.</summary>
    public const int MaxIds = 1000;

    /// <summary>The last page a list may be asked for; a page within bounds but past the end is simply empty.</summary>
    public const int MaxPage = 10000;

    /// <summary>Refuses an oversized list at once, before anything is looked up (a 400 that names the limit).</summary>
    public static void ThrowIfTooMany(int count, string field, string label, int max = MaxIds)
    {
        if (count > max)
        {
            throw ValidationException.For(field, $"{label}最多 {max} 个，收到了 {count} 个。");
        }
    }

    /// <summary>Refuses a page number outside 1 to <see cref="MaxPage"/> (a 400; never clamped, never an overflow).</summary>
    public static void ThrowIfBadPage(int page)
    {
        if (page is < 1 or > MaxPage)
        {
            throw ValidationException.For("page", $"页码应为 1 到 {MaxPage} 之间的整数。");
        }
    }

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public Validator Require(string? value, string field, string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"请填写{label}。");
        }
        else if (value.Trim().Length > maxLength)
        {
            Add(field, $"{label}不能超过 {maxLength} 个字。");
        }
        return this;
    }

    public Validator Optional(string? value, string field, string label, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength)
        {
            Add(field, $"{label}不能超过 {maxLength} 个字。");
        }
        return this;
    }

    public Validator Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            Add(field, message);
        }
        return this;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public bool IsValid => _errors.Count == 0;

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
