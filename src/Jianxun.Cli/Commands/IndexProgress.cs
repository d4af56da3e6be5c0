namespace Jianxun.Cli.Commands;

/// <summary>
/// "已索引 done/total（n%）" on standard error every 5 %, for `search reindex` and for `db migrate` when a migration
/// rebuilds the index, and with another label for `backup` and `restore`. Reports on the calling thread (Progress&lt;T&gt;
/// would post to the thread pool and interleave lines).
/// </summary>
internal sealed class IndexProgress(TextWriter error, string label = "已索引") : IProgress<(int Done, int Total)>
{
    private int _last = -1;

    public void Report((int Done, int Total) value)
    {
        var percent = value.Total == 0 ? 100 : value.Done * 100 / value.Total;
        if (percent / 5 != _last / 5 || value.Done == value.Total)
        {
            _last = percent;
            error.WriteLine($"{label} {value.Done}/{value.Total}（{percent}%）");
        }
    }
}
