using System.Security.Cryptography.X509Certificates;
using Jianxun.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jianxun.Core.Accounts;

/// <summary>
/// The data-protection keys that sign the sign-in cookies, anti-forgery tokens and bearer tokens, shared by the web
/// app and the command line (ADR-024): in <c>keys/</c> of the data directory, which only the service account may open.
/// They are encrypted at rest with a certificate when <c>Jianxun:DataProtection:CertificateFile</c> names one (a PFX),
/// with DPAPI on Windows, and otherwise protected, like the database beside them, by the folder's permissions.
/// </summary>
public static class KeyRing
{
    public const string CertificateFileSetting = "Jianxun:DataProtection:CertificateFile";
    public const string CertificatePasswordSetting = "Jianxun:DataProtection:CertificatePassword";

    /// <summary>The logger that warns "No XML encryptor configured" for the last case above.</summary>
    public const string KeyManagerLogCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    /// <summary>Registers the key ring; returns whether its keys are encrypted at rest (false: the folder's permissions protect them).</summary>
    public static bool AddJianxunKeyRing(this IServiceCollection services, JianxunOptions settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = new DirectoryInfo(Path.Combine(CoreServices.EnsureDataDirectory(settings), "keys"));
        folder.Create();
        if (!OperatingSystem.IsWindows())
        {
            // rwx------: the keys are the service account's alone (the data directory holds the database too).
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var keys = services.AddDataProtection().SetApplicationName("Jianxun").PersistKeysToFileSystem(folder);
        if (configuration[CertificateFileSetting] is { Length: > 0 } file)
        {
            keys.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(file, configuration[CertificatePasswordSetting]));
            return true;
        }
        if (OperatingSystem.IsWindows())
        {
            keys.ProtectKeysWithDpapi();
            return true;
        }
        return false;
    }
}
