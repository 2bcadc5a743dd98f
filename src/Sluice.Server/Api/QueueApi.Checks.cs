using System.Globalization;

namespace Sluice.Server.Api;

public sealed partial class QueueApi
{
    /// <summary>
    /// The limits the SQS model leaves to the service, checked on typed members with the same ValidationException texts
    /// a member read straight from the body gets (<see cref="ApiRequest.Optional"/>, <see cref="ApiRequest.Integer"/>).
    /// </summary>
    private static class Checks
    {
        /// <summary>A string member no longer than <paramref name="maxLength"/>.</summary>
        public static string Text(string value, string name, int maxLength) =>
            value.Length > maxLength
                ? throw ApiException.Validation($"1 validation error detected: Value at '{Camel(name)}' failed to satisfy constraint: Member must have length less than or equal to {maxLength}")
                : value;

        /// <summary>An optional integer member within a range.</summary>
        public static int? Range(int? value, string name, int min, int max) =>
            value is { } number && (number < min || number > max)
                ? throw ApiException.Validation(string.Create(CultureInfo.InvariantCulture, $"1 validation error detected: Value '{number}' at '{Camel(name)}' failed to satisfy constraint: Member must have value between {min} and {max}"))
                : value;

        private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
    }
}
