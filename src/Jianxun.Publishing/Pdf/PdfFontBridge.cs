using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Jianxun.Publishing.Pdf;

/// <summary>
/// PDFsharp takes one process-wide <see cref="IFontResolver"/>. This one serves every <see cref="FontCatalog"/>:
/// the family names given to XFont carry the catalog's key (<c>key|family</c>) so two catalogs never mix.
/// </summary>
internal static class PdfFontBridge
{
    private const char Separator = '|';
    private static readonly CatalogResolver Resolver = new();
    private static readonly Lock Gate = new();
    private static bool _installed;

    public static string FamilyName(FontCatalog catalog, string family)
    {
        EnsureInstalled();
        Resolver.Catalogs.TryAdd(catalog.Key, catalog);
        return catalog.Key + Separator + family;
    }

    private static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is not null && GlobalFontSettings.FontResolver != Resolver)
            {
                // REVIEW: a host that installs its own PDFsharp font resolver cannot use this renderer in the same process.
                throw new InvalidOperationException("Another PDFsharp font resolver is installed; Jianxun.Publishing needs its own.");
            }

            GlobalFontSettings.FontResolver = Resolver;
            _installed = true;
        }
    }

    private sealed class CatalogResolver : IFontResolver
    {
        public ConcurrentDictionary<string, FontCatalog> Catalogs { get; } = new(StringComparer.Ordinal);

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            var split = familyName.IndexOf(Separator, StringComparison.Ordinal);
            if (split < 0 || !Catalogs.TryGetValue(familyName[..split], out var catalog))
            {
                return null;
            }

            var (path, simulateBold) = catalog.Resolve(familyName[(split + 1)..], bold);
            return new FontResolverInfo(catalog.Key + Separator + path, simulateBold, italic);
        }

        public byte[]? GetFont(string faceName)
        {
            var split = faceName.IndexOf(Separator, StringComparison.Ordinal);
            return split >= 0 && Catalogs.TryGetValue(faceName[..split], out var catalog)
                ? catalog.GetBytes(faceName[(split + 1)..])
                : null;
        }
    }
}
