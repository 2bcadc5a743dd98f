using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Sluice.Server.Hosting;

namespace Sluice.Server.Console;

/// <summary>
/// Who may use the console. With no credentials and no console token configured it is open, as the API is, but only
/// to requests addressed to a loopback host (a page elsewhere that rebinds its DNS name to 127.0.0.1 is refused).
/// Otherwise a person signs in with an access key id and its secret (one of <c>serve.credentials</c>) or the console
/// token, and gets an HttpOnly, SameSite=Strict session cookie. Either way every state-changing request must carry
/// the session's anti-forgery token in <c>X-Sluice-Csrf</c> (a header a cross-site form cannot set, and that makes a
/// cross-site script preflight, which is never granted) and, when the browser sends one, an Origin of this server.
/// </summary>
/// <param name="options">The server's credentials and console token.</param>
/// <param name="time">The clock sessions expire by.</param>
internal sealed class ConsoleSecurity(SluiceServerOptions options, TimeProvider time)
{
    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "sluice_console";

    /// <summary>The header that carries the anti-forgery token.</summary>
    public const string CsrfHeader = "X-Sluice-Csrf";

    private const int MaxSessions = 10_000;
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConsoleSession _open = new(NewToken(), DateTimeOffset.MaxValue);

    /// <summary>Whether the console asks people to sign in.</summary>
    public bool LoginRequired => options.Credentials.Count > 0 || !string.IsNullOrEmpty(options.ConsoleToken);

    /// <summary>The session of a request, or <see langword="null"/> when it has none (sign in first, or not a loopback host).</summary>
    public ConsoleSession? Find(HttpContext context)
    {
        if (!LoginRequired)
        {
            return IsLoopbackHost(context.Request.Host.Host) ? _open : null;
        }

        if (context.Request.Cookies[CookieName] is { Length: > 0 } id && _sessions.TryGetValue(id, out var session))
        {
            if (session.Expires > time.GetUtcNow())
            {
                return session;
            }

            _sessions.TryRemove(id, out _);
        }

        return null;
    }

    /// <summary>Why a state-changing request is refused, or <see langword="null"/> when it may go on.</summary>
    public static string? RefuseWrite(HttpContext context, ConsoleSession session)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return "The request comes from another site (Origin " + origin + ").";
        }

        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site && site is not ("same-origin" or "none"))
        {
            return "The request comes from another site (Sec-Fetch-Site " + site + ").";
        }

        var token = request.Headers[CsrfHeader].ToString();
        return FixedTimeEquals(token, session.Csrf) ? null : $"The request lacks this session's {CsrfHeader} token; reload the console.";
    }

    /// <summary>Signs in with an access key id and secret, or the console token; the new session's cookie is set on the response.</summary>
    /// <returns>The session, or <see langword="null"/> when the credentials are wrong.</returns>
    public ConsoleSession? SignIn(HttpContext context, string? accessKeyId, string? secret, string? token)
    {
        var valid = (!string.IsNullOrEmpty(options.ConsoleToken) && token is { Length: > 0 } && FixedTimeEquals(token, options.ConsoleToken))
            || (accessKeyId is not null && secret is not null && options.Credentials.TryGetValue(accessKeyId, out var expected) && FixedTimeEquals(secret, expected));
        if (!valid || !LoginRequired)
        {
            return null;
        }

        if (_sessions.Count >= MaxSessions)
        {
            var now = time.GetUtcNow();
            foreach (var (key, old) in _sessions.Where(s => s.Value.Expires <= now).ToList())
            {
                _sessions.TryRemove(key, out _);
            }
        }

        var id = NewToken();
        var session = new ConsoleSession(NewToken(), time.GetUtcNow() + SessionLifetime);
        _sessions[id] = session;
        context.Response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = SessionLifetime,
        });
        return session;
    }

    /// <summary>Ends the request's session, if any.</summary>
    public void SignOut(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is { Length: > 0 } id)
        {
            _sessions.TryRemove(id, out _);
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
}
