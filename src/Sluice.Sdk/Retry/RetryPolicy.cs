using System.Text.Json.Nodes;

namespace Sluice.Sdk.Retry;

/// <summary>
/// When a step is retried: <c>{"BackoffRate", "IntervalSeconds", "ExceptionType", "MaxAttempts" | "ExpireAfterMin"}</c>.
/// Give exactly one of <see cref="MaxAttempts"/> (1 to 20) and <see cref="ExpireAfterMin"/> (0 to 14,400).
/// </summary>
public abstract class RetryPolicy
{
    private protected RetryPolicy()
    {
    }

    /// <summary>How much longer each wait is than the one before; 2.0 unless set.</summary>
    public double BackoffRate { get; init; } = 2.0;

    /// <summary>How long the first wait is, in seconds; 1 unless set.</summary>
    public int IntervalSeconds { get; init; } = 1;

    /// <summary>How many attempts at most.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>For how many minutes retries may go on.</summary>
    public int? ExpireAfterMin { get; init; }

    /// <summary>The failures the policy applies to, as the definition names them.</summary>
    public abstract IReadOnlyList<string> ExceptionTypes { get; }

    /// <summary>The policy as the definition writes it.</summary>
    /// <returns>A new JSON object.</returns>
    /// <exception cref="InvalidOperationException">When not exactly one of <see cref="MaxAttempts"/> and <see cref="ExpireAfterMin"/> is given, or a value is out of range.</exception>
    public JsonObject ToJson()
    {
        if (MaxAttempts is null == ExpireAfterMin is null)
        {
            throw new InvalidOperationException("a retry policy needs exactly one of MaxAttempts and ExpireAfterMin");
        }

        if (MaxAttempts is < 1 or > 20 || ExpireAfterMin is < 0 or > 14_400 || BackoffRate < 0 || IntervalSeconds < 0)
        {
            throw new InvalidOperationException(
                "a retry policy needs MaxAttempts from 1 to 20 or ExpireAfterMin from 0 to 14400, and no negative BackoffRate or IntervalSeconds");
        }

        var policy = new JsonObject
        {
            ["BackoffRate"] = BackoffRate,
            ["IntervalSeconds"] = IntervalSeconds,
            ["ExceptionType"] = new JsonArray([.. ExceptionTypes.Select(e => (JsonNode)JsonValue.Create(e))]),
        };
        if (MaxAttempts is { } attempts)
        {
            policy["MaxAttempts"] = attempts;
        }
        else
        {
            policy["ExpireAfterMin"] = ExpireAfterMin!.Value;
        }

        return policy;
    }
}
