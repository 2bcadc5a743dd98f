namespace Sluice.Server.Console;

/// <summary>A signed-in console (or the open console on loopback): the token its state-changing requests must echo.</summary>
/// <param name="Csrf">The anti-forgery token, sent back in the <c>X-Sluice-Csrf</c> header of every POST.</param>
/// <param name="Expires">When the session ends.</param>
internal sealed record ConsoleSession(string Csrf, DateTimeOffset Expires);
