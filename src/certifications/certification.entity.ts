import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CertificationStatus } from './check';

@Entity('certification')
export class Certification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') therapistId: string;
  @Column('uuid') associationId: string;
  @Column('text') credentialType: string;
  @Column('text') credentialNumber: string;
  @Column('text') credentialNumberNorm: string;
  @Column('date', { nullable: true }) issuedOn: string | null;
  @Column('date', { nullable: true }) claimedExpiresOn: string | null;
  @Column('date', { nullable: true }) expiresOn: string | null;
  @Column('text') status: CertificationStatus;
  @Column('text') statusReason: string;
  @Column('uuid', { nullable: true }) rosterRecordId: string | null;
  @Column('timestamptz', { nullable: true }) verifiedAt: Date | null;
  @Column('timestamptz', { nullable: true }) lastCheckedAt: Date | null;
  @Column('timestamptz', { nullable: true }) withdrawnAt: Date | null;
  @Column('uuid', { nullable: true }) decidedBy: string | null;
  @Column('text', { nullable: true }) decision: 'verify' | 'reject' | null;
  @Column('integer') version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
