package io.callpulse.jobs.functions;

import io.callpulse.jobs.analytics.UserEvent;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The state format of a {@link UserLog}: the hottest value of the job (read and written for every
 * user event, read for every user at every flush). Flink's POJO serializer spent most of that time
 * on reflection, boxed fields and per-field null markers; this writes each event as its type,
 * clientSeq and ts, then one byte saying which of the optional fields follow.
 */
public final class UserLogSerializer extends TypeSerializerSingleton<UserLog> {
  private static final long serialVersionUID = 1L;

  public static final UserLogSerializer INSTANCE = new UserLogSerializer();

  private static final int DURATION = 1;
  private static final int PLATFORM = 1 << 1;
  private static final int CLIENT_TYPE = 1 << 2;
  private static final int REASON = 1 << 3;
  private static final int ACCOUNT = 1 << 4;
  private static final int SID = 1 << 5;

  @Override
  public boolean isImmutableType() {
    return true; // records of final fields; UserLog.with/without copy the array
  }

  @Override
  public UserLog createInstance() {
    return UserLog.empty();
  }

  @Override
  public UserLog copy(UserLog from) {
    return from;
  }

  @Override
  public UserLog copy(UserLog from, UserLog reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(UserLog log, DataOutputView out) throws IOException {
    out.writeInt(log.events().length);
    for (UserEvent e : log.events()) {
      out.writeInt(e.eventType());
      out.writeLong(e.clientSeq());
      out.writeLong(e.ts());
      int present =
          (e.duration() != null ? DURATION : 0)
              | (e.platform() != null ? PLATFORM : 0)
              | (e.clientType() != null ? CLIENT_TYPE : 0)
              | (e.reason() != null ? REASON : 0)
              | (e.account() != null ? ACCOUNT : 0)
              | (e.sid() != null ? SID : 0);
      out.writeByte(present);
      if (e.duration() != null) {
        out.writeLong(e.duration());
      }
      if (e.platform() != null) {
        out.writeInt(e.platform());
      }
      if (e.clientType() != null) {
        out.writeInt(e.clientType());
      }
      if (e.reason() != null) {
        out.writeInt(e.reason());
      }
      if (e.account() != null) {
        StringValue.writeString(e.account(), out);
      }
      if (e.sid() != null) {
        StringValue.writeString(e.sid(), out);
      }
    }
  }

  @Override
  public UserLog deserialize(DataInputView in) throws IOException {
    UserEvent[] events = new UserEvent[in.readInt()];
    for (int i = 0; i < events.length; i++) {
      int eventType = in.readInt();
      long clientSeq = in.readLong();
      long ts = in.readLong();
      int present = in.readByte();
      events[i] =
          new UserEvent(
              eventType,
              clientSeq,
              ts,
              (present & DURATION) != 0 ? Long.valueOf(in.readLong()) : null,
              (present & PLATFORM) != 0 ? Integer.valueOf(in.readInt()) : null,
              (present & CLIENT_TYPE) != 0 ? Integer.valueOf(in.readInt()) : null,
              (present & REASON) != 0 ? Integer.valueOf(in.readInt()) : null,
              (present & ACCOUNT) != 0 ? StringValue.readString(in) : null,
              (present & SID) != 0 ? StringValue.readString(in) : null);
    }
    return new UserLog(events);
  }

  @Override
  public UserLog deserialize(UserLog reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<UserLog> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Format version 1; a later format needs a new version and a migration here. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<UserLog> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** What {@code TypeInformation.of(UserLog.class)} returns (see the annotation on UserLog). */
  public static final class Factory extends TypeInfoFactory<UserLog> {
    @Override
    public TypeInformation<UserLog> createTypeInfo(
        Type type, Map<String, TypeInformation<?>> genericParameters) {
      return new Info();
    }
  }

  /** A Flink type with this serializer. */
  public static final class Info extends TypeInformation<UserLog> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
      return false;
    }

    @Override
    public boolean isTupleType() {
      return false;
    }

    @Override
    public int getArity() {
      return 1;
    }

    @Override
    public int getTotalFields() {
      return 1;
    }

    @Override
    public Class<UserLog> getTypeClass() {
      return UserLog.class;
    }

    @Override
    public boolean isKeyType() {
      return false;
    }

    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializer<UserLog> createSerializer(ExecutionConfig config) {
      return INSTANCE;
    }

    @Override
    public String toString() {
      return "UserLog";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Info;
    }

    @Override
    public int hashCode() {
      return Info.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
      return other instanceof Info;
    }
  }
}
