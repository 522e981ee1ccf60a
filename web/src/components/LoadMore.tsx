// Under a paged list: how many of the total are shown, and a button for the next page.
import { t } from '../i18n';
import type { List } from '../useList';

export function LoadMore<T>({ list }: { list: List<T> }) {
  if (!list.items) return null;
  const shown = list.items.length;
  const total = Math.max(list.total, shown);
  return (
    <div class="load-more" data-testid="load-more">
      <span class="rowmeta" data-testid="list-count">{t('list.count', { shown, total })}</span>
      {list.more && (
        <button type="button" class="btn btn-small" disabled={list.loadingMore} onClick={list.loadMore}>
          {list.loadingMore ? t('list.loading') : t('list.more')}
        </button>
      )}
    </div>
  );
}
