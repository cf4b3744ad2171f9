package io.plumbago.events.index;

import io.plumbago.events.Event;
import io.plumbago.events.EventQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The live events in memory, by id, by time and by tag name (each tag's events sorted by time; see {@link TagNames}),
 * rebuilt from the log on start. Not thread-safe: the store guards it. Internal to events-core.
 */
public final class EventIndex {
  /** Oldest first, ties by id: graphite-web's {@code order_by("when")} over rows inserted in id order. */
  static final Comparator<Event> BY_TIME = Comparator.comparingDouble(Event::whenSeconds).thenComparingLong(Event::id);
  private final Map<Long, Event> byId = new HashMap<>();
  private final NavigableSet<Event> byTime = new TreeSet<>(BY_TIME);
  private final Map<String, NavigableSet<Event>> byTag = new HashMap<>();

  /** Adds {@code event}, replacing any event with its id. */
  public void add(Event event) {
    remove(event.id());
    byId.put(event.id(), event);
    byTime.add(event);
    for (String tag : TagNames.of(event.tags())) {
      byTag.computeIfAbsent(tag, t -> new TreeSet<>(BY_TIME)).add(event);
    }
  }

  /**
   * Replaces the contents with {@code events} (distinct ids) in bulk, as when the store opens: one sort, then each
   * sorted set built in a single linear pass instead of a million tree insertions.
   */
  public void load(Collection<Event> events) {
    byId.clear();
    byTime.clear();
    byTag.clear();
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(BY_TIME);
    Map<String, List<Event>> tagged = new HashMap<>();
    for (Event e : sorted) {
      byId.put(e.id(), e);
      for (String tag : TagNames.of(e.tags())) {
        tagged.computeIfAbsent(tag, t -> new ArrayList<>()).add(e);
      }
    }
    byTime.addAll(new Sorted(sorted));
    tagged.forEach((tag, list) -> {
      NavigableSet<Event> set = new TreeSet<>(BY_TIME);
      set.addAll(new Sorted(list));
      byTag.put(tag, set);
    });
  }

  /** Removes the event with {@code id}; returns it, or null when there was none. */
  public Event remove(long id) {
    Event event = byId.remove(id);
    if (event == null) {
      return null;
    }
    byTime.remove(event);
    for (String tag : TagNames.of(event.tags())) {
      NavigableSet<Event> tagged = byTag.get(tag);
      tagged.remove(event);
      if (tagged.isEmpty()) {
        byTag.remove(tag);
      }
    }
    return event;
  }

  /** The event with {@code id}, or null. */
  public Event get(long id) {
    return byId.get(id);
  }

  /** How many live events there are. */
  public int size() {
    return byId.size();
  }

  /** Every live event, oldest first. */
  public Collection<Event> all() {
    return byTime;
  }

  /** The newest {@code limit} events, newest first. */
  public List<Event> newest(int limit) {
    List<Event> out = new ArrayList<>(Math.min(limit, byTime.size()));
    Iterator<Event> it = byTime.descendingIterator();
    while (it.hasNext() && out.size() < limit) {
      out.add(it.next());
    }
    return out;
  }

  /** Each known tag with the number of live events carrying it, sorted by tag. */
  public SortedMap<String, Integer> tagCounts() {
    SortedMap<String, Integer> counts = new TreeMap<>();
    byTag.forEach((tag, events) -> counts.put(tag, events.size()));
    return counts;
  }

  /** The events matching {@code query}, oldest first. */
  public List<Event> query(EventQuery query) {
    if (query.untilSeconds() < query.fromSeconds() || query.untilSeconds() < 0) {
      return List.of();
    }
    if (query.tags() == null) {
      return new ArrayList<>(range(byTime, query));
    }
    Set<String> known = new LinkedHashSet<>();
    for (String tag : query.tags()) {
      if (byTag.containsKey(tag)) {
        known.add(tag);
      }
    }
    if (known.isEmpty()) {
      return List.of();
    }
    switch (query.match()) {
      case UNION:
        return union(known, query);
      case INTERSECTION:
        if (known.size() != query.tags().size()) {
          // an unknown tag or a repeated one: graphite-web's post-filter keeps nothing
          return List.of();
        }
        return allOf(known, query);
      default:
        return allOf(known, query);
    }
  }

  private List<Event> union(Set<String> tags, EventQuery query) {
    if (tags.size() == 1) {
      return new ArrayList<>(range(byTag.get(tags.iterator().next()), query));
    }
    List<Event> all = new ArrayList<>();
    for (String tag : tags) {
      all.addAll(range(byTag.get(tag), query));
    }
    all.sort(BY_TIME);
    List<Event> out = new ArrayList<>(all.size());
    for (Event e : all) {
      if (out.isEmpty() || out.get(out.size() - 1).id() != e.id()) {
        out.add(e);
      }
    }
    return out;
  }

  private List<Event> allOf(Set<String> tags, EventQuery query) {
    NavigableSet<Event> smallest = null;
    for (String tag : tags) {
      NavigableSet<Event> tagged = byTag.get(tag);
      if (smallest == null || tagged.size() < smallest.size()) {
        smallest = tagged;
      }
    }
    List<Event> out = new ArrayList<>();
    for (Event e : range(smallest, query)) {
      if (TagNames.of(e.tags()).containsAll(tags)) {
        out.add(e);
      }
    }
    return out;
  }

  private static NavigableSet<Event> range(NavigableSet<Event> events, EventQuery query) {
    return events.subSet(probe(query.fromSeconds(), 0), true, probe(query.untilSeconds(), Long.MAX_VALUE), true);
  }

  /** A key for time range lookups (ids start at 1, times at 0): only {@code when} and {@code id} are compared. */
  private static Event probe(double whenSeconds, long id) {
    return new Event(id, Math.min(Math.max(whenSeconds, 0), Double.MAX_VALUE), "probe", Set.of(), "");
  }

  /**
   * A list already in {@link #BY_TIME} order, seen as a sorted set: {@code TreeSet.addAll} of an empty set builds
   * its tree from such a set in linear time. Only what that path reads is implemented.
   */
  private static final class Sorted extends java.util.AbstractSet<Event> implements java.util.SortedSet<Event> {
    private final List<Event> events;

    Sorted(List<Event> events) {
      this.events = events;
    }

    @Override
    public Iterator<Event> iterator() {
      return events.iterator();
    }

    @Override
    public int size() {
      return events.size();
    }

    @Override
    public Comparator<? super Event> comparator() {
      return BY_TIME;
    }

    @Override
    public Event first() {
      return events.get(0);
    }

    @Override
    public Event last() {
      return events.get(events.size() - 1);
    }

    @Override
    public java.util.SortedSet<Event> subSet(Event from, Event to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.util.SortedSet<Event> headSet(Event to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.util.SortedSet<Event> tailSet(Event from) {
      throw new UnsupportedOperationException();
    }
  }
}
