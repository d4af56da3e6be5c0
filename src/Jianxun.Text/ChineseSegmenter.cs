using JiebaNet.Segmenter;
using JiebaNet.Segmenter.PosSeg;

namespace Jianxun.Text;

/// <summary>
/// Chinese word segmentation (jieba.NET) for search indexing and as evidence for names.
/// The dictionary takes about 0.75 s and 130 MB to load, so one lazily created instance is shared.
/// </summary>
public sealed class ChineseSegmenter
{
    private static readonly Lazy<ChineseSegmenter> Instance = new(() => new ChineseSegmenter(), LazyThreadSafetyMode.ExecutionAndPublication);

    // jieba's dictionary and its segmenter caches are not thread-safe: every call takes this lock.
    private readonly Lock _gate = new();
    private readonly JiebaSegmenter _segmenter;
    private readonly PosSegmenter _posSegmenter;
    private readonly HashSet<string> _added = new(StringComparer.Ordinal);

    private ChineseSegmenter()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Resources");
        if (File.Exists(Path.Combine(dir, "dict.txt")))
        {
            ConfigManager.ConfigFileBaseDir = dir;
        }

        _segmenter = new JiebaSegmenter();
        _posSegmenter = new PosSegmenter(_segmenter);
    }

    /// <summary>The shared instance (created on first use).</summary>
    public static ChineseSegmenter Shared => Instance.Value;

    /// <summary>Splits text into words for an index (search mode: long words also give their parts).</summary>
    public IReadOnlyList<string> Segment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            return _segmenter.CutForSearch(text).Where(w => !string.IsNullOrWhiteSpace(w)).ToList();
        }
    }

    /// <summary>Adds words (unit and person names) so they stay whole.</summary>
    public void AddWords(IEnumerable<string> words, string? tag = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        lock (_gate)
        {
            foreach (var w in words)
            {
                if (!string.IsNullOrWhiteSpace(w) && _added.Add(w))
                {
                    _segmenter.AddWord(w, 0, tag);
                }
            }
        }
    }

    /// <summary>Words with their part-of-speech tags (<c>nr</c> person, <c>nt</c> organisation, …).</summary>
    internal IReadOnlyList<(string Word, string Tag)> Tag(string text)
    {
        lock (_gate)
        {
            return _posSegmenter.Cut(text).Select(p => (p.Word, p.Flag ?? string.Empty)).ToList();
        }
    }

    /// <summary>True when the dictionary knows the word (a cheap check, used to reject common words as names).</summary>
    internal bool IsDictionaryWord(string word)
    {
        lock (_gate)
        {
            return WordDictionary.Instance.ContainsWord(word);
        }
    }
}
